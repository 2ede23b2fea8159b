import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomClient } from './roomClient';
import type { ParticipantView } from './types';

/** The webinar host moves an attendee onto the panel (they may then speak and show video) and back. */
export function WebinarRoleButton({ client, participant }: { client: RoomClient; participant: ParticipantView }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  if (participant.role !== 'attendee' && participant.role !== 'panelist') return null;
  const promote = participant.role === 'attendee';

  async function change(): Promise<void> {
    setError(undefined);
    await client
      .request(promote ? 'webinar.promote' : 'webinar.demote', { participantId: participant.id })
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : t('errors.unknown')));
  }

  return (
    <span className="participant-actions">
      <button
        type="button"
        aria-label={t(promote ? 'room.promoteName' : 'room.demoteName', { name: participant.displayName })}
        onClick={() => void change()}
      >
        {t(promote ? 'room.promote' : 'room.demote')}
      </button>
      {error && (
        <span className="room-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
