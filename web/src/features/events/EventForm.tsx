import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import { ErrorAlert } from '../../ui/Alert';
import { SelectField, TextField } from '../../ui/Field';
import { useAction } from '../../ui/useAction';
import { createEvent } from './api';

/** `datetime-local` values are local wall-clock time; the API takes instants. */
const toInstant = (local: string) => new Date(local).toISOString();

export function EventForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'meeting' | 'webinar'>('webinar');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [capacity, setCapacity] = useState('');
  const [approvalMode, setApprovalMode] = useState<'automatic' | 'manual'>('automatic');
  const [question, setQuestion] = useState('');
  const [purpose, setPurpose] = useState('');
  const submit = useAction(async () => {
    await createEvent({
      kind,
      title,
      description,
      startsAt: toInstant(startsAt),
      endsAt: toInstant(endsAt),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      language: currentLanguage(),
      capacity: capacity ? Number(capacity) : null,
      approvalMode,
      dialInOffered: false,
      questions: question ? [{ kind: 'text', label: question, purpose }] : [],
    });
    setTitle('');
    setDescription('');
    setQuestion('');
    setPurpose('');
    onCreated();
  });

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    void submit.run();
  }

  return (
    <section className="card" aria-labelledby="new-event">
      <h2 id="new-event">{t('events.newTitle')}</h2>
      <form onSubmit={onSubmit} className="form form-grid">
        <SelectField
          label={t('events.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value === 'meeting' ? 'meeting' : 'webinar')}
          options={[
            { value: 'webinar', label: t('events.kinds.webinar') },
            { value: 'meeting', label: t('events.kinds.meeting') },
          ]}
        />
        <TextField label={t('events.title')} required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        <TextField label={t('events.description')} maxLength={10000} value={description} onChange={(e) => setDescription(e.target.value)} />
        <TextField label={t('events.startsAt')} type="datetime-local" required value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
        <TextField label={t('events.endsAt')} type="datetime-local" required value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
        <TextField label={t('events.capacity')} hint={t('events.capacityHint')} type="number" min={1} value={capacity} onChange={(e) => setCapacity(e.target.value)} />
        <SelectField
          label={t('events.approvalMode')}
          value={approvalMode}
          onChange={(e) => setApprovalMode(e.target.value === 'manual' ? 'manual' : 'automatic')}
          options={[
            { value: 'automatic', label: t('events.approval.automatic') },
            { value: 'manual', label: t('events.approval.manual') },
          ]}
        />
        <TextField label={t('events.question')} hint={t('events.questionHint')} maxLength={300} value={question} onChange={(e) => setQuestion(e.target.value)} />
        <TextField label={t('events.purpose')} maxLength={500} required={question !== ''} value={purpose} onChange={(e) => setPurpose(e.target.value)} />
        <div className="form-actions">
          <button type="submit" disabled={submit.pending}>
            {t('events.create')}
          </button>
        </div>
      </form>
      <ErrorAlert error={submit.error} />
    </section>
  );
}
