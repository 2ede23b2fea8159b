import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomFeatureProps } from './extensions';
import { HandIcon } from './icons';
import { useModeration } from './moderation';

const shownForMs = 8_000;

/** Tells hosts and co-hosts, briefly, who just raised a hand (the list and the tiles keep showing it). */
export function HandNotice({ client, room }: RoomFeatureProps) {
  const { t } = useTranslation();
  const { hands } = useModeration(client);
  const role: string | undefined = room.self?.role;
  const moderates = role === 'host' || role === 'cohost';
  const [raisedBy, setRaisedBy] = useState<string>();

  // Only a change of hands announces anyone, not a change of the participant list: the hands seen
  // last are kept to compare (React's pattern for state that follows a changed input).
  const [seenHands, setSeenHands] = useState<typeof hands>([]);
  if (hands !== seenHands) {
    setSeenHands(hands);
    const before = new Set(seenHands.map((hand) => hand.participantId));
    const latest = hands.filter((hand) => !before.has(hand.participantId) && hand.participantId !== room.self?.id).at(-1);
    const name = latest && room.participants.find((p) => p.id === latest.participantId)?.displayName;
    if (name) setRaisedBy(name);
  }

  useEffect(() => {
    if (!raisedBy) return;
    const timer = setTimeout(() => setRaisedBy(undefined), shownForMs);
    return () => clearTimeout(timer);
  }, [raisedBy]);

  if (!moderates || !raisedBy) return null;
  return (
    <div className="hand-toast" role="status">
      <HandIcon />
      <span>{t('layout.handRaisedBy', { name: raisedBy })}</span>
      <button type="button" onClick={() => setRaisedBy(undefined)}>
        {t('layout.dismiss')}
      </button>
    </div>
  );
}
