import { useTranslation } from 'react-i18next';
import type { RoomFeatureProps } from '../room/extensions';
import { useStore } from '../../ui/store';
import { chatOf } from './chatStore';
import './chat.css';

/** Everyone sees at once when the host takes minutes, and from when; the host can stop here too. */
export function MinutesBanner({ client, room }: RoomFeatureProps) {
  const { t } = useTranslation();
  const store = chatOf(client);
  const { minutes, pseudonym } = useStore(store);
  if (!minutes) return null;
  const time = new Date(minutes.since).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <div className="minutes-banner" role="status" data-testid="minutes-banner">
      <span>{t('chat.minutesOn', { by: minutes.by, time })}</span>
      {/* The minutes are the host's document: they keep real names, pseudonyms are for the room only. */}
      {room.self?.role === 'attendee' && pseudonym && <span>{t('chat.minutesRealName')}</span>}
      {room.self?.role === 'host' && (
        <button type="button" onClick={() => void client.request('chat.minutes', { on: false }).catch(() => undefined)}>
          {t('chat.stopMinutes')}
        </button>
      )}
    </div>
  );
}
