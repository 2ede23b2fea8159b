import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomClient } from './roomClient';
import type { ParticipantView, RoomSnapshot } from './types';

/**
 * The webinar host invites an attendee to speak (the attendee is asked first and may decline;
 * until they answer the invitation can be withdrawn) and moves a panelist back to the audience.
 */
export function WebinarRoleButton({ client, participant, room }: { client: RoomClient; participant: ParticipantView; room: RoomSnapshot }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  if (participant.role !== 'attendee' && participant.role !== 'panelist') return null;
  const invited = participant.role === 'attendee' && room.invitations.get(participant.id)?.state === 'pending';
  const promote = participant.role === 'attendee' && !invited;

  async function change(): Promise<void> {
    setError(undefined);
    await client
      .request(promote ? 'webinar.promote' : 'webinar.demote', { participantId: participant.id })
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : t('errors.unknown')));
  }

  const [label, name] = promote
    ? (['room.promote', 'room.promoteName'] as const)
    : invited
      ? (['webinar.host.withdraw', 'webinar.host.withdrawName'] as const)
      : (['room.demote', 'room.demoteName'] as const);
  return (
    <span className="participant-actions">
      {invited && <span className="webinar-invited">{t('webinar.host.invited')} </span>}
      <button type="button" aria-label={t(name, { name: participant.displayName })} onClick={() => void change()}>
        {t(label)}
      </button>
      {error && (
        <span className="room-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
