import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomClient } from './roomClient';
import type { ParticipantView } from './types';

/** The host's actions on one participant: mute, lower hand, remove. */
export function ParticipantMenu({ client, participant, handRaised }: { client: RoomClient; participant: ParticipantView; handRaised: boolean }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();

  async function act(type: string): Promise<void> {
    setError(undefined);
    await client.request(type, { participantId: participant.id }).catch((failure: unknown) => setError(failure instanceof Error ? failure.message : t('errors.unknown')));
  }

  function remove(): void {
    if (window.confirm(t('moderation.confirmRemove', { name: participant.displayName }))) void act('moderation.remove');
  }

  return (
    <details className="participant-menu">
      <summary aria-label={t('moderation.actionsFor', { name: participant.displayName })}>⋯</summary>
      <div className="participant-menu-items">
        {!participant.muted && (
          <button type="button" onClick={() => void act('moderation.mute')}>
            {t('moderation.mute')}
          </button>
        )}
        {handRaised && (
          <button type="button" onClick={() => void act('moderation.lowerHand')}>
            {t('moderation.lowerHandOf')}
          </button>
        )}
        {participant.role !== 'host' && (
          <button type="button" className="danger" onClick={remove}>
            {t('moderation.remove')}
          </button>
        )}
        {error && (
          <p className="room-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </details>
  );
}
