import { useTranslation } from 'react-i18next';
import type { RoomSnapshot } from './types';

/** Always on screen: exactly what leaves this browser right now. */
export function SendingStatus({ sending }: { sending: RoomSnapshot['sending'] }) {
  const { t } = useTranslation();
  const kinds = (['microphone', 'camera', 'screen'] as const).filter((kind) => sending[kind]);
  const text =
    kinds.length > 0
      ? t('room.sending', { what: kinds.map((kind) => t(`room.sendingKinds.${kind}`)).join(', ') })
      : t('room.sendingNothing');
  // On a phone only the dot shows (grey: nothing, red: sending), so the room's title keeps the header row.
  return (
    <p className={kinds.length > 0 ? 'sending sending-on' : 'sending'} role="status" title={text}>
      <span className="sending-dot" aria-hidden="true" />
      <span className="sending-text">{text}</span>
    </p>
  );
}
