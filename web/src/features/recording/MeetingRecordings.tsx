import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/Alert';
import { SelectField } from '../../ui/Field';
import { formatDateTime } from '../../ui/format';
import { useAction } from '../../ui/useAction';
import { useLoad } from '../../ui/useLoad';
import { deleteRecording, fetchMeetingRecordings, fetchRoomOfEvent, recordingFileUrl, setRecordingAllowed, type Recording } from './api';
import './recording.css';

function RecordingRow({ recording, onChanged }: { recording: Recording; onChanged: () => void }) {
  const { t } = useTranslation();
  const remove = useAction(async () => {
    if (!window.confirm(t('recording.deleteConfirm'))) return;
    await deleteRecording(recording.id);
    onChanged();
  });
  return (
    <li>
      <span>
        {t('recording.startedAt')}: {formatDateTime(recording.startedAt)}
      </span>
      <span className="badge">{t(`recording.status.${recording.status}`)}</span>
      {recording.durationSeconds !== null && (
        <span>
          {t('recording.duration')}: {Math.round(recording.durationSeconds)} s
        </span>
      )}
      <span>
        {t('recording.deleteAfter')}: {formatDateTime(recording.deleteAfter)}
      </span>
      {recording.status === 'ready' && (
        <a href={recordingFileUrl(recording.id)} download>
          {t('recording.download')}
        </a>
      )}
      {recording.status !== 'recording' && (
        <button type="button" className="secondary" onClick={() => void remove.run()} disabled={remove.pending}>
          {t('recording.delete')}
        </button>
      )}
      <ErrorAlert error={remove.error} />
    </li>
  );
}

/** On a meeting's card: whether it may be recorded (plain meetings: the host decides here) and its recordings. */
export function MeetingRecordingsSection({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const load = useCallback(() => fetchMeetingRecordings(roomId), [roomId]);
  const { data, error, reload } = useLoad(load);
  const toggle = useAction(async (allowed: boolean) => {
    await setRecordingAllowed(roomId, allowed);
    reload();
  });
  if (error) return <ErrorAlert error={error} />;
  if (!data) return null;
  return (
    <section aria-labelledby={headingId}>
      <h4 id={headingId}>{t('recording.recordings')}</h4>
      {data.eventId ? (
        <p>{t('recording.eventRuleFollows')}</p>
      ) : (
        <SelectField
          label={t('recording.allowed')}
          value={data.allowed ? 'on' : 'off'}
          disabled={toggle.pending}
          onChange={(event) => void toggle.run(event.target.value === 'on')}
          options={[
            { value: 'off', label: t('recording.allowedOff') },
            { value: 'on', label: t('recording.allowedOn') },
          ]}
        />
      )}
      <ErrorAlert error={toggle.error} />
      {data.recordings.length ? (
        <ul className="recordings-list">
          {data.recordings.map((recording) => (
            <RecordingRow key={recording.id} recording={recording} onChanged={reload} />
          ))}
        </ul>
      ) : (
        <p>{t('recording.noRecordings')}</p>
      )}
    </section>
  );
}

/** On the events page: the recordings of the selected event's room. */
export function EventRecordingsSection({ eventId }: { eventId: string }) {
  const load = useCallback(() => fetchRoomOfEvent(eventId), [eventId]);
  const { data, error } = useLoad(load);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return null;
  return (
    <div className="card">
      <MeetingRecordingsSection roomId={data} />
    </div>
  );
}
