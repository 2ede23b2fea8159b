import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomClient } from '../room/roomClient';
import { pseudonymText } from './pseudonym';
import type { Pseudonym } from './types';

/** A webinar attendee's note on how other attendees see them, and where they choose another name. */
export function PseudonymNote({ client, pseudonym }: { client: RoomClient; pseudonym: Pseudonym }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setError(undefined);
    try {
      await client.request('chat.pseudonym', { name });
      setEditing(false);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : t('errors.unknown'));
    }
  }

  function edit(): void {
    setName('chosen' in pseudonym ? pseudonym.chosen : '');
    setEditing(true);
  }

  if (!editing) {
    return (
      <p className="chat-note" data-testid="pseudonym-note">
        {t('chat.seenAs', { pseudonym: pseudonymText(pseudonym, t) })}{' '}
        <button type="button" className="link-button" onClick={edit}>
          {t('chat.changePseudonym')}
        </button>
      </p>
    );
  }
  return (
    <form className="chat-pseudonym" onSubmit={(event) => void save(event)}>
      <label>
        {t('chat.pseudonym')} <input value={name} maxLength={100} required onChange={(event) => setName(event.target.value)} />
      </label>
      <button type="submit" disabled={!name.trim()}>
        {t('chat.savePseudonym')}
      </button>
      <button type="button" className="link-button" onClick={() => setEditing(false)}>
        {t('chat.cancel')}
      </button>
      {error && (
        <p className="chat-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
