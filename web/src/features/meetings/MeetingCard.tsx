import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { MeetingDialIn } from '../calls/MeetingDialIn';
import { MeetingDownloads } from '../chat/MeetingDownloads';
import { MeetingRecordingsSection } from '../recording/MeetingRecordings';
import { calendarUrl, type Meeting } from './api';
import { AttendanceTable } from './AttendanceTable';
import { Invitation } from './Invitation';
import { MeetingActions } from './MeetingActions';
import { MeetingForm } from './MeetingForm';
import { MeetingWhen } from './MeetingWhen';
import { RotateAccess } from './RotateAccess';

function MeetingState({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  if (meeting.live) return <span className="badge badge-live">{t('meetings.live', { count: meeting.participants })}</span>;
  if (meeting.endedAt)
    return <span className="badge badge-disabled">{t('meetings.ended', { date: formatDateTime(meeting.endedAt) })}</span>;
  return <span className="badge">{t('meetings.notStarted')}</span>;
}

export function MeetingCard({ meeting, onChanged }: { meeting: Meeting; onChanged: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const attendanceId = useId();
  const editId = useId();
  const [showAttendance, setShowAttendance] = useState(false);
  const [editing, setEditing] = useState(false);
  const plain = meeting.eventId === null;

  return (
    <li className="card meeting-card" aria-labelledby={headingId}>
      <div className="meeting-head">
        <h3 id={headingId}>{meeting.title}</h3>
        <MeetingState meeting={meeting} />
      </div>
      <div className="meeting-body">
        <dl className="facts">
          <dt>{meeting.schedule?.recurrence ? t('meetingPlan.next') : t('meetingPlan.when')}</dt>
          <dd>{meeting.schedule ? <MeetingWhen schedule={meeting.schedule} /> : t('meetingPlan.noDate')}</dd>
          <dt>{t('meetings.meetingNumber')}</dt>
          <dd>
            <code>{meeting.meetingNumber}</code>
          </dd>
          <dt>{t('meetings.passcode')}</dt>
          <dd>
            <code>{meeting.passcode}</code>
          </dd>
          <dt>{t('meetings.createdAt')}</dt>
          <dd>{formatDateTime(meeting.createdAt)}</dd>
        </dl>
        <Invitation meeting={meeting} />
        <MeetingDialIn meeting={meeting} />
      </div>
      <div className="meeting-foot">
        <MeetingActions meeting={meeting} onChanged={onChanged} />
        {plain && (
          <button type="button" className="secondary" aria-expanded={editing} aria-controls={editId} onClick={() => setEditing(!editing)}>
            {t('meetingPlan.edit')}
            <span className="visually-hidden">: {meeting.title}</span>
          </button>
        )}
        {meeting.schedule && (
          <a className="button secondary" href={calendarUrl(meeting.id)} download>
            {t('meetingPlan.calendar')}
            <span className="visually-hidden">: {meeting.title}</span>
          </a>
        )}
        <button
          type="button"
          className="secondary"
          aria-expanded={showAttendance}
          aria-controls={attendanceId}
          onClick={() => setShowAttendance(!showAttendance)}
        >
          {t('meetings.attendance')}
          <span className="visually-hidden">: {meeting.title}</span>
        </button>
        {plain && <RotateAccess meeting={meeting} onChanged={onChanged} />}
      </div>
      <div id={editId} hidden={!editing} className="meeting-edit">
        {editing && <MeetingForm meeting={meeting} onSaved={onChanged} />}
      </div>
      <div id={attendanceId} hidden={!showAttendance}>
        {showAttendance && <AttendanceTable meeting={meeting} />}
      </div>
      <MeetingDownloads meeting={meeting} />
      <MeetingRecordingsSection roomId={meeting.id} />
    </li>
  );
}
