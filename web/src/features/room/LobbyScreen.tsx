import { useTranslation } from 'react-i18next';
import { EndScreen } from './EndScreen';
import type { RoomClient } from './roomClient';
import type { RoomSnapshot } from './types';
import './moderation.css';

/** The lobby: nothing of the meeting is seen or sent until the host lets one in. */
export function LobbyScreen({ client, room }: { client: RoomClient; room: RoomSnapshot }) {
  const { t } = useTranslation();
  return (
    <EndScreen title={t('moderation.waitingTitle')}>
      {room.title && <p className="lobby-meeting">{room.title}</p>}
      <p role="status">{t('moderation.waitingText')}</p>
      <p className="privacy-note">{t('moderation.waitingNote')}</p>
      <button type="button" className="secondary lobby-leave" onClick={() => void client.leave()}>
        {t('room.leave')}
      </button>
    </EndScreen>
  );
}
