import { useTranslation } from 'react-i18next';
import { dateLocale } from '../../ui/format';
import { formatStart } from '../meetings/schedule';
import type { PublicEvent } from './api';
import { SpeakerList } from './SpeakerList';

/** An event's end on the same day: the time alone; on another day, date and time. */
function formatEnd(startsAt: string, endsAt: string): string {
  const sameDay = new Date(startsAt).toDateString() === new Date(endsAt).toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay ? { timeStyle: 'short' } : { dateStyle: 'full', timeStyle: 'short' };
  return new Intl.DateTimeFormat(dateLocale(), options).format(new Date(endsAt));
}

/** What the registration page tells about the event: when (in the viewer's time, and the event's when it differs), what and who. */
export function EventSummary({ event }: { event: PublicEvent }) {
  const { t } = useTranslation();
  const start = formatStart(event.startsAt, event.timeZone);
  const until = t('landing.until', { time: formatEnd(event.startsAt, event.endsAt) });
  return (
    <>
      <p className="landing-kind">{t(`events.kinds.${event.kind}`)}</p>
      <p className="landing-when">
        <time dateTime={event.startsAt}>{start.inZone ? t('landing.yourTime', { time: start.local }) : start.local}</time>{' '}
        <time dateTime={event.endsAt}>{until}</time>
        {start.inZone && <span className="landing-zone">{t('landing.eventTime', start.inZone)}</span>}
      </p>
      {/* Rendered by the server from the host's Markdown without raw HTML, images or unsafe links (src/events/description.ts). */}
      {event.descriptionHtml && <div className="event-description" dangerouslySetInnerHTML={{ __html: event.descriptionHtml }} />}
      {event.speakers.length > 0 && (
        <section aria-labelledby="speakers-title">
          <h2 id="speakers-title">{t('landing.speakers')}</h2>
          <SpeakerList speakers={event.speakers} />
        </section>
      )}
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
