import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/Alert';
import { formatDateTime } from '../../ui/format';
import { useLoad } from '../../ui/useLoad';
import { fetchAttendance, type AttendanceEntry, type Meeting } from './api';

/** Whole minutes present; someone still in the meeting counts until now. */
function minutes(entry: AttendanceEntry): number {
  const end = entry.leftAt ? Date.parse(entry.leftAt) : Date.now();
  return Math.max(0, Math.round((end - Date.parse(entry.joinedAt)) / 60_000));
}

export function AttendanceTable({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const load = useCallback(() => fetchAttendance(meeting.id), [meeting.id]);
  const attendance = useLoad(load);
  if (attendance.error) return <ErrorAlert error={attendance.error} />;
  if (!attendance.data) return <p className="muted">{t('status.loading')}</p>;
  if (attendance.data.attendance.length === 0) return <p className="muted">{t('meetings.noAttendance')}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{t('meetings.attendanceCaption', { title: meeting.title })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('fields.displayName')}</th>
            <th scope="col">{t('fields.role')}</th>
            <th scope="col">{t('meetings.joined')}</th>
            <th scope="col">{t('meetings.left')}</th>
            <th scope="col">{t('meetings.minutes')}</th>
          </tr>
        </thead>
        <tbody>
          {attendance.data.attendance.map((entry, index) => (
            <tr key={`${entry.joinedAt}-${index}`}>
              <th scope="row">{entry.displayName}</th>
              <td>{entry.role === 'host' ? t('meetings.roles.host') : t('meetings.roles.participant')}</td>
              <td>{formatDateTime(entry.joinedAt)}</td>
              <td>{entry.leftAt ? formatDateTime(entry.leftAt) : t('meetings.stillThere')}</td>
              <td>{minutes(entry)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
