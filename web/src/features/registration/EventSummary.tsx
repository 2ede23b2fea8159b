import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import type { PublicEvent } from './api';

export function EventSummary({ event }: { event: PublicEvent }) {
  const { t } = useTranslation();
  const format = new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'full', timeStyle: 'short', timeZone: event.timeZone });
  return (
    <>
      <p>
        {t(`events.kinds.${event.kind}`)} · {format.format(new Date(event.startsAt))} ({event.timeZone})
      </p>
      {event.description && <p className="event-description">{event.description}</p>}
      {event.mayBeRecorded && <p className="event-recording">{t('recording.registrationStatement')}</p>}
      <p className="event-retention">
        {t('registration.eventRetention', {
          registration: t('units.days', { count: event.retentionDays.registration }),
          minutes: t('units.days', { count: event.retentionDays.minutes }),
        })}
        {event.mayBeRecorded &&
          ` ${t('registration.eventRetentionRecording', { recording: t('units.days', { count: event.retentionDays.recording }) })}`}
      </p>
    </>
  );
}
