import { useTranslation } from 'react-i18next';
import type { RoomSnapshot } from './types';

/** Always on screen: exactly what leaves this browser right now. */
export function SendingStatus({ sending }: { sending: RoomSnapshot['sending'] }) {
  const { t } = useTranslation();
  const kinds = (['microphone', 'camera', 'screen'] as const).filter((kind) => sending[kind]);
  return (
    <p className={kinds.length > 0 ? 'sending sending-on' : 'sending'} role="status">
      <span className="sending-dot" aria-hidden="true" />
      {kinds.length > 0
        ? t('room.sending', { what: kinds.map((kind) => t(`room.sendingKinds.${kind}`)).join(', ') })
        : t('room.sendingNothing')}
    </p>
  );
}
