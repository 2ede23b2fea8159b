import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { ErrorAlert } from '../../ui/Alert';
import { SelectField, TextField } from '../../ui/Field';
import { useAction } from '../../ui/useAction';
import { ReminderFields } from './ReminderFields';
import {
  createEvent,
  optionalFieldNames,
  updateEvent,
  type EventInput,
  type HostedEvent,
  type OptionalFields,
  type RetentionDefaults,
} from './api';
import { FollowUpFields } from './FollowUpFields';
import { DescriptionField } from './DescriptionField';
import { saveSpeakerPhotos } from './speakerPhotos';
import { SpeakerFields, speakerDrafts } from './SpeakerFields';

/** `datetime-local` values are local wall-clock time; the API takes instants. */
const toInstant = (local: string) => new Date(local).toISOString();
/** An instant as the `datetime-local` value of this browser's wall clock. */
const toLocal = (instant: string) => {
  const date = new Date(instant);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

const retentionFields = ['registrationDays', 'minutesDays', 'recordingDays'] as const;

/**
 * Creates an event, or edits `event` when given. Editing keeps the event's questions as they
 * are (answers stay attached to them); a new question can be added either way.
 */
export function EventForm({
  event,
  retentionDefaults,
  onSaved,
}: {
  event?: HostedEvent;
  retentionDefaults?: RetentionDefaults;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  // Editing opens above the list: it moves into view and keyboard focus follows.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (event) heading.current?.focus();
  }, [event]);
  const [kind, setKind] = useState<'meeting' | 'webinar'>(event?.kind ?? 'webinar');
  const [title, setTitle] = useState(event?.title ?? '');
  const [description, setDescription] = useState(event?.description ?? '');
  const [startsAt, setStartsAt] = useState(event ? toLocal(event.startsAt) : '');
  const [endsAt, setEndsAt] = useState(event ? toLocal(event.endsAt) : '');
  const [capacity, setCapacity] = useState(event?.capacity?.toString() ?? '');
  const [approvalMode, setApprovalMode] = useState<'automatic' | 'manual'>(event?.approvalMode ?? 'automatic');
  const [mayBeRecorded, setMayBeRecorded] = useState(event?.mayBeRecorded ?? false);
  const [dialInOffered, setDialInOffered] = useState(event?.dialInOffered ?? false);
  const [optionalFields, setOptionalFields] = useState<OptionalFields>(
    event?.optionalFields ?? { company: 'optional', industry: 'optional', phone: 'optional' },
  );
  const [reminders, setReminders] = useState<number[]>(event?.reminders ?? [60, 1440]);
  const [followUp, setFollowUp] = useState({ text: event?.followUp.text ?? '', url: event?.followUp.url ?? '' });
  // Days as typed; empty = the configured default.
  const [retention, setRetention] = useState({
    registrationDays: event?.retention.registrationDays?.toString() ?? '',
    minutesDays: event?.retention.minutesDays?.toString() ?? '',
    recordingDays: event?.retention.recordingDays?.toString() ?? '',
  });
  const [speakers, setSpeakers] = useState(() => speakerDrafts(event));
  const [question, setQuestion] = useState('');
  const [purpose, setPurpose] = useState('');
  const submit = useAction(async () => {
    const kept = (event?.questions ?? []).map((q) => ({
      id: q.id,
      kind: q.kind,
      label: q.label,
      purpose: q.purpose,
      ...(q.choices ? { choices: q.choices } : {}),
    }));
    const input: EventInput = {
      kind,
      title,
      description,
      startsAt: toInstant(startsAt),
      endsAt: toInstant(endsAt),
      timeZone: event?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      language: event?.language ?? currentLanguage(),
      capacity: capacity ? Number(capacity) : null,
      registrationOpensAt: event?.registrationOpensAt ?? null,
      registrationClosesAt: event?.registrationClosesAt ?? null,
      approvalMode,
      dialInOffered,
      mayBeRecorded,
      optionalFields,
      reminders,
      followUp: { text: followUp.text.trim() || null, url: followUp.url.trim() || null },
      retention: {
        registrationDays: retention.registrationDays ? Number(retention.registrationDays) : null,
        minutesDays: retention.minutesDays ? Number(retention.minutesDays) : null,
        recordingDays: retention.recordingDays ? Number(retention.recordingDays) : null,
      },
      questions: [...kept, ...(question ? [{ kind: 'text' as const, label: question, purpose }] : [])],
      speakers: speakers.map((s) => ({ ...(s.id ? { id: s.id } : {}), name: s.name, role: s.role })),
    };
    const saved = await (event ? updateEvent(event.id, input) : createEvent(input));
    await saveSpeakerPhotos(saved, speakers);
    if (!event) {
      setTitle('');
      setDescription('');
      setSpeakers([]);
    }
    setQuestion('');
    setPurpose('');
    onSaved();
  });

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    void submit.run();
  }

  return (
    <section className="card" aria-labelledby={event ? 'edit-event' : 'new-event'}>
      <h2 id={event ? 'edit-event' : 'new-event'} ref={heading} tabIndex={-1}>
        {event ? t('events.editTitle', { title: event.title }) : t('events.newTitle')}
      </h2>
      <form onSubmit={onSubmit} className="form form-grid">
        <SelectField
          label={t('events.kind')}
          hint={event ? t('events.kindFixed') : undefined}
          disabled={event !== undefined}
          value={kind}
          onChange={(e) => setKind(e.target.value === 'meeting' ? 'meeting' : 'webinar')}
          options={[
            { value: 'webinar', label: t('events.kinds.webinar') },
            { value: 'meeting', label: t('events.kinds.meeting') },
          ]}
        />
        <TextField label={t('events.title')} required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        <DescriptionField value={description} onChange={setDescription} />
        <TextField
          label={t('events.startsAt')}
          type="datetime-local"
          required
          value={startsAt}
          onChange={(e) => setStartsAt(e.target.value)}
        />
        <TextField label={t('events.endsAt')} type="datetime-local" required value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
        <TextField
          label={t('events.capacity')}
          hint={t('events.capacityHint')}
          type="number"
          min={1}
          value={capacity}
          onChange={(e) => setCapacity(e.target.value)}
        />
        <SelectField
          label={t('events.approvalMode')}
          value={approvalMode}
          onChange={(e) => setApprovalMode(e.target.value === 'manual' ? 'manual' : 'automatic')}
          options={[
            { value: 'automatic', label: t('events.approval.automatic') },
            { value: 'manual', label: t('events.approval.manual') },
          ]}
        />
        <SelectField
          label={t('recording.eventSetting')}
          hint={t('recording.eventSettingHint')}
          value={mayBeRecorded ? 'on' : 'off'}
          onChange={(e) => setMayBeRecorded(e.target.value === 'on')}
          options={[
            { value: 'off', label: t('recording.allowedOff') },
            { value: 'on', label: t('recording.allowedOn') },
          ]}
        />
        <SelectField
          label={t('events.dialIn')}
          hint={t('events.dialInHint')}
          value={dialInOffered ? 'on' : 'off'}
          onChange={(e) => setDialInOffered(e.target.value === 'on')}
          options={[
            { value: 'off', label: t('events.dialInOff') },
            { value: 'on', label: t('events.dialInOn') },
          ]}
        />
        {optionalFieldNames.map((field) => (
          <SelectField
            key={field}
            label={t(`events.askField.${field}`)}
            hint={field === 'company' ? t('events.askFieldHint') : undefined}
            value={optionalFields[field]}
            onChange={(e) => setOptionalFields({ ...optionalFields, [field]: e.target.value === 'off' ? 'off' : 'optional' })}
            options={[
              { value: 'optional', label: t('events.askOptional') },
              { value: 'off', label: t('events.askOff') },
            ]}
          />
        ))}
        <SpeakerFields value={speakers} onChange={setSpeakers} />
        <ReminderFields value={reminders} onChange={setReminders} />
        {kind === 'webinar' && <FollowUpFields value={followUp} onChange={setFollowUp} />}
        {retentionFields.map((field) => (
          <TextField
            key={field}
            label={t(`events.retention.${field}`)}
            hint={
              retentionDefaults
                ? t('events.retention.defaultDays', { days: t('units.days', { count: retentionDefaults[field] }) })
                : t('events.retention.default')
            }
            type="number"
            min={1}
            max={3650}
            step={1}
            value={retention[field]}
            onChange={(e) => setRetention({ ...retention, [field]: e.target.value })}
          />
        ))}
        <TextField
          label={t('events.question')}
          hint={t('events.questionHint')}
          maxLength={300}
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
        />
        <TextField
          label={t('events.purpose')}
          maxLength={500}
          required={question !== ''}
          value={purpose}
          onChange={(e) => setPurpose(e.target.value)}
        />
        <div className="form-actions">
          <button type="submit" disabled={submit.pending}>
            {event ? t('events.save') : t('events.create')}
          </button>
        </div>
      </form>
      <ErrorAlert error={submit.error} />
    </section>
  );
}
