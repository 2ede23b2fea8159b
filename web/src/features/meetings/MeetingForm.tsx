import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { SelectField, TextField } from '../../ui/Field';
import { useAction } from '../../ui/useAction';
import { createMeeting, updateMeeting, type Meeting, type Recurrence, type ScheduleInput } from './api';
import { browserZone, timeZoneOptions } from './schedule';

const durations = [15, 30, 45, 60, 90, 120, 180, 240, 480];

/** Title and, optionally, date, time, zone and recurrence: a new meeting, or changes to one (`meeting`). */
export function MeetingForm({ meeting, onSaved }: { meeting?: Meeting; onSaved: (saved: Meeting) => void }) {
  const { t } = useTranslation();
  const [localDate = '', localTime = ''] = meeting?.schedule?.localStart.split('T') ?? [];
  const [title, setTitle] = useState(meeting?.title ?? '');
  const [date, setDate] = useState(localDate);
  const [time, setTime] = useState(localTime || '10:00');
  const [timeZone, setTimeZone] = useState(meeting?.schedule?.timeZone ?? browserZone());
  const [duration, setDuration] = useState(String(meeting?.schedule?.durationMinutes ?? 60));
  const [recurrence, setRecurrence] = useState<Recurrence | 'none'>(meeting?.schedule?.recurrence ?? 'none');
  const [saved, setSaved] = useState<string>();
  const zones = useMemo(() => timeZoneOptions(), []);
  const durationOptions = useMemo(() => {
    const values = durations.includes(Number(duration)) ? durations : [...durations, Number(duration)].sort((a, b) => a - b);
    return values.map((value) => ({ value: String(value), label: t('meetingPlan.durationMinutes', { count: value }) }));
  }, [duration, t]);

  const submit = useAction(async () => {
    setSaved(undefined);
    const schedule: ScheduleInput | null = date
      ? { localStart: `${date}T${time}`, timeZone, durationMinutes: Number(duration), recurrence }
      : null;
    const result = meeting ? await updateMeeting(meeting.id, { title, schedule }) : await createMeeting({ title, schedule });
    setSaved(meeting ? t('meetingPlan.saved') : t('meetings.created', { title: result.title }));
    if (!meeting) {
      setTitle('');
      setDate('');
    }
    onSaved(result);
  });

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    void submit.run();
  }

  const scheduled = date !== '';
  return (
    <form onSubmit={onSubmit} className="form form-grid meeting-form">
      <TextField
        label={t('meetings.meetingTitle')}
        autoComplete="off"
        required
        maxLength={200}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <TextField
        label={t('meetingPlan.date')}
        hint={t('meetingPlan.dateHint')}
        type="date"
        value={date}
        onChange={(e) => setDate(e.target.value)}
      />
      {scheduled && (
        <>
          <TextField label={t('meetingPlan.time')} type="time" required value={time} onChange={(e) => setTime(e.target.value)} />
          <SelectField label={t('meetingPlan.timeZone')} value={timeZone} onChange={(e) => setTimeZone(e.target.value)} options={zones} />
          <SelectField
            label={t('meetingPlan.duration')}
            value={duration}
            onChange={(e) => setDuration(e.target.value)}
            options={durationOptions}
          />
          <SelectField
            label={t('meetingPlan.recurrence')}
            value={recurrence}
            onChange={(e) => setRecurrence(e.target.value as Recurrence | 'none')}
            options={(['none', 'weekly', 'monthly'] as const).map((value) => ({ value, label: t(`meetingPlan.recurrences.${value}`) }))}
          />
        </>
      )}
      <div className="form-actions">
        <button type="submit" disabled={submit.pending}>
          {meeting ? t('meetingPlan.save') : t('meetings.create')}
        </button>
      </div>
      <ErrorAlert error={submit.error} />
      {saved && <StatusMessage>{saved}</StatusMessage>}
    </form>
  );
}
