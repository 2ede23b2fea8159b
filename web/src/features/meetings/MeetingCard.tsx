import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { MeetingDialIn } from '../calls/MeetingDialIn';
import { MeetingDownloads } from '../chat/MeetingDownloads';
import { MeetingRecordingsSection } from '../recording/MeetingRecordings';
import type { Meeting } from './api';
import { AttendanceTable } from './AttendanceTable';
import { Invitation } from './Invitation';
import { MeetingActions } from './MeetingActions';

function MeetingState({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  if (meeting.endedAt) return <span className="badge badge-disabled">{t('meetings.ended', { date: formatDateTime(meeting.endedAt) })}</span>;
  if (meeting.live) return <span className="badge badge-live">{t('meetings.live', { count: meeting.participants })}</span>;
  return <span className="badge">{t('meetings.notStarted')}</span>;
}

export function MeetingCard({ meeting, onChanged }: { meeting: Meeting; onChanged: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const attendanceId = useId();
  const [showAttendance, setShowAttendance] = useState(false);

  return (
    <li className="card meeting-card" aria-labelledby={headingId}>
      <div className="meeting-head">
        <h3 id={headingId}>{meeting.title}</h3>
        <MeetingState meeting={meeting} />
      </div>
      <div className="meeting-body">
        <dl className="facts">
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
        {!meeting.endedAt && <Invitation meeting={meeting} />}
        <MeetingDialIn meeting={meeting} />
      </div>
      <div className="meeting-foot">
        {!meeting.endedAt && <MeetingActions meeting={meeting} onChanged={onChanged} />}
        <button type="button" className="secondary" aria-expanded={showAttendance} aria-controls={attendanceId} onClick={() => setShowAttendance(!showAttendance)}>
          {t('meetings.attendance')}
          <span className="visually-hidden">: {meeting.title}</span>
        </button>
      </div>
      <div id={attendanceId} hidden={!showAttendance}>
        {showAttendance && <AttendanceTable meeting={meeting} />}
      </div>
      <MeetingDownloads meeting={meeting} />
      <MeetingRecordingsSection roomId={meeting.id} />
    </li>
  );
}
