import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../ui/useLoad';
import { fetchDialIn } from './api';

/** On a meeting card: what to add to the invitation for phone dial-in (when dial-in is configured). */
export function MeetingDialIn({ meeting }: { meeting: { id: string } }) {
  const { t } = useTranslation();
  const dialIn = useLoad(useCallback(() => fetchDialIn(meeting.id), [meeting.id]));
  const data = dialIn.data;
  if (!data?.number) return null;
  return (
    <section className="meeting-dial-in" aria-label={t('calls.dialInTitle')}>
      <h4>{t('calls.dialInTitle')}</h4>
      <p>
        {data.pin
          ? t('calls.dialInText', { number: data.number, meetingNumber: data.meetingNumber, pin: data.pin })
          : t('calls.dialInPersonal', { number: data.number })}
      </p>
    </section>
  );
}
