import { useTranslation } from 'react-i18next';
import { Link } from '../../app/router';
import { ErrorAlert } from '../../ui/Alert';
import { useLoad } from '../../ui/useLoad';
import { fetchMeetings, type Meeting } from './api';
import { StartMeetingButton } from './MeetingActions';
import { MeetingWhen } from './MeetingWhen';

const shown = 6;

/** Running meetings first, then the planned ones by their next start. */
function upcoming(meetings: readonly Meeting[]): Meeting[] {
  const running = meetings.filter((m) => m.live);
  const planned = meetings
    .filter((m) => !m.live && m.schedule?.nextStartsAt)
    .sort((a, b) => Date.parse(a.schedule!.nextStartsAt!) - Date.parse(b.schedule!.nextStartsAt!));
  return [...running, ...planned].slice(0, shown);
}

/** On the dashboard: what runs now and what comes next, each with Start. */
export function UpcomingMeetings() {
  const { t } = useTranslation();
  const meetings = useLoad(fetchMeetings);
  const list = meetings.data ? upcoming(meetings.data.meetings) : [];
  return (
    <section className="card upcoming" aria-labelledby="upcoming-meetings">
      <h2 id="upcoming-meetings">{t('meetingPlan.upcomingTitle')}</h2>
      <ErrorAlert error={meetings.error} />
      {!meetings.data && !meetings.error && <p className="muted">{t('status.loading')}</p>}
      {meetings.data && list.length === 0 && (
        <p className="muted">
          {t('meetingPlan.upcomingNone')} <Link to="/meetings">{t('meetingPlan.upcomingLink')}</Link>
        </p>
      )}
      {list.length > 0 && (
        <ul className="upcoming-list">
          {list.map((meeting) => (
            <li key={meeting.id}>
              <div className="upcoming-what">
                <strong>{meeting.title}</strong>
                <span>
                  {meeting.live ? (
                    <span className="badge badge-live">{t('meetings.live', { count: meeting.participants })}</span>
                  ) : (
                    meeting.schedule && <MeetingWhen schedule={meeting.schedule} />
                  )}
                </span>
              </div>
              <div className="meeting-actions">
                <StartMeetingButton meeting={meeting} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
