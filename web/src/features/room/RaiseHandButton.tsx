import { useTranslation } from 'react-i18next';
import { HandIcon } from './icons';
import { useModeration } from './moderation';
import type { RoomClient } from './roomClient';
import type { RoomSnapshot } from './types';

/** Raise or lower one's own hand; the participant list shows hands in the order they went up. */
export function RaiseHandButton({ client, room, onError }: { client: RoomClient; room: RoomSnapshot; onError: (message: string) => void }) {
  const { t } = useTranslation();
  const { hands } = useModeration(client);
  const raised = hands.some((hand) => hand.participantId === room.self?.id);
  const toggle = () =>
    void client
      .request('moderation.hand', { raised: !raised })
      .catch((failure: unknown) => onError(failure instanceof Error ? failure.message : t('errors.unknown')));
  return (
    <button
      type="button"
      className={`control ${raised ? 'control-active' : ''}`}
      title={raised ? t('moderation.lowerHand') : t('moderation.raiseHand')}
      aria-pressed={raised}
      onClick={toggle}
    >
      <HandIcon />
      <span className="control-label">{raised ? t('moderation.lowerHand') : t('moderation.raiseHand')}</span>
    </button>
  );
}
