import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/Alert';
import { PageTitle } from '../../ui/PageTitle';
import { useLoad } from '../../ui/useLoad';
import { fetchMeetings } from './api';
import { MeetingCard } from './MeetingCard';
import { MeetingForm } from './MeetingForm';

export function MeetingsPage() {
  const { t } = useTranslation();
  const meetings = useLoad(fetchMeetings);
  return (
    <>
      <PageTitle>{t('meetings.title')}</PageTitle>
      <section className="card" aria-labelledby="new-meeting-heading">
        <h2 id="new-meeting-heading">{t('meetings.createTitle')}</h2>
        <p className="muted">{t('meetings.createText')}</p>
        <MeetingForm onSaved={meetings.reload} />
      </section>
      <section aria-labelledby="meeting-list">
        <div className="section-head">
          <h2 id="meeting-list">{t('meetings.listTitle')}</h2>
          <button type="button" className="secondary" onClick={meetings.reload}>
            {t('actions.refresh')}
          </button>
        </div>
        <ErrorAlert error={meetings.error} />
        {!meetings.data && !meetings.error && <p className="muted">{t('status.loading')}</p>}
        {meetings.data?.meetings.length === 0 && <p className="muted">{t('meetings.none')}</p>}
        {meetings.data && meetings.data.meetings.length > 0 && (
          <ul className="meeting-list">
            {meetings.data.meetings.map((meeting) => (
              <MeetingCard key={meeting.id} meeting={meeting} onChanged={meetings.reload} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
