import type { IntentType, PayloadArgs } from '@shared/protocol/index.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roomErrorMessage } from './mediaErrors';
import type { RoomClient } from './roomClient';
import { RoomDialog } from './RoomDialog';
import type { ParticipantView } from './types';

/**
 * What a host or co-host may do to one participant (the server decides again, src/rooms/room-policy.ts):
 * mute, lower the hand, remove (nobody removes a host, only hosts remove co-hosts), and for hosts
 * naming or un-naming a co-host.
 */
export function ParticipantMenu({
  client,
  self,
  participant,
  handRaised,
}: {
  client: RoomClient;
  self: ParticipantView;
  participant: ParticipantView;
  handRaised: boolean;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const host = self.role === 'host';
  const removable = participant.role !== 'host' && (participant.role !== 'cohost' || host);
  const canCohost = host && participant.role !== 'host' && !participant.phone && participant.connected;

  async function act<K extends IntentType>(type: K, ...payload: PayloadArgs<K>): Promise<void> {
    setError(undefined);
    await client.request(type, ...payload).catch((failure: unknown) => setError(roomErrorMessage(t, failure)));
  }

  return (
    <>
      <details className="participant-menu">
        <summary aria-label={t('moderation.actionsFor', { name: participant.displayName })}>⋯</summary>
        <div className="participant-menu-items">
          {!participant.muted && (
            <button type="button" onClick={() => void act('moderation.mute', { participantId: participant.id })}>
              {t('moderation.mute')}
            </button>
          )}
          {handRaised && (
            <button type="button" onClick={() => void act('moderation.lowerHand', { participantId: participant.id })}>
              {t('moderation.lowerHandOf')}
            </button>
          )}
          {canCohost && (
            <button
              type="button"
              onClick={() =>
                void act('moderation.role', {
                  participantId: participant.id,
                  role: participant.role === 'cohost' ? 'participant' : 'cohost',
                })
              }
            >
              {participant.role === 'cohost' ? t('roomControl.removeCohost') : t('roomControl.makeCohost')}
            </button>
          )}
          {removable && (
            <button type="button" className="danger" onClick={() => setConfirmingRemoval(true)}>
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
      {/* Outside the menu: closing the menu must not take the question away. */}
      {confirmingRemoval && (
        <RoomDialog title={t('roomControl.removeTitle', { name: participant.displayName })} onClose={() => setConfirmingRemoval(false)}>
          <p>{t('roomControl.removeText')}</p>
          <div className="dialog-choices">
            <button type="button" className="secondary" data-autofocus onClick={() => setConfirmingRemoval(false)}>
              {t('roomControl.cancel')}
            </button>
            <button
              type="button"
              className="destructive"
              onClick={() => {
                setConfirmingRemoval(false);
                void act('moderation.remove', { participantId: participant.id });
              }}
            >
              {t('moderation.remove')}
            </button>
          </div>
        </RoomDialog>
      )}
    </>
  );
}
