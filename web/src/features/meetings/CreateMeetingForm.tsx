import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, StatusMessage } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { useAction } from '../../ui/useAction';
import { createMeeting } from './api';

export function CreateMeetingForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [created, setCreated] = useState<string>();
  const submit = useAction(async () => {
    setCreated(undefined);
    const meeting = await createMeeting(title);
    setCreated(meeting.title);
    setTitle('');
    onCreated();
  });

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    void submit.run();
  }

  return (
    <section className="card" aria-labelledby="new-meeting-heading">
      <h2 id="new-meeting-heading">{t('meetings.createTitle')}</h2>
      <p className="muted">{t('meetings.createText')}</p>
      <form onSubmit={onSubmit} className="form form-grid">
        <TextField label={t('meetings.meetingTitle')} autoComplete="off" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        <div className="form-actions">
          <button type="submit" disabled={submit.pending}>
            {t('meetings.create')}
          </button>
        </div>
      </form>
      <ErrorAlert error={submit.error} />
      {created && <StatusMessage>{t('meetings.created', { title: created })}</StatusMessage>}
    </section>
  );
}
