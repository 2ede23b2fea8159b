import { useTranslation } from 'react-i18next';
import type { MeetingSchedule } from './api';
import { formatStart, recurrenceAnchor } from './schedule';

/** The running or next start in the viewer's time (with the planned zone when it differs) and how it repeats. */
export function MeetingWhen({ schedule }: { schedule: MeetingSchedule }) {
  const { t } = useTranslation();
  if (!schedule.nextStartsAt) return <>{t('meetingPlan.over')}</>;
  const start = formatStart(schedule.nextStartsAt, schedule.timeZone);
  const anchor = recurrenceAnchor(schedule);
  return (
    <>
      <time dateTime={schedule.nextStartsAt}>{start.local}</time>
      {start.inZone && <span className="muted"> ({t('meetingPlan.eventZone', start.inZone)})</span>}
      {schedule.recurrence && (
        <>
          <br />
          <span className="muted">
            {schedule.recurrence === 'weekly' ? t('meetingPlan.repeatsWeekly', anchor) : t('meetingPlan.repeatsMonthly', anchor)}
          </span>
        </>
      )}
    </>
  );
}
