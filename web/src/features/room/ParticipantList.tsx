import { useTranslation } from 'react-i18next';
import { CameraIcon, HandIcon, MicIcon, MicOffIcon, ScreenIcon } from './icons';
import { initials } from './Tile';
import type { RoomFeatureProps } from './extensions';
import { byRaisedHand, useModeration } from './moderation';
import { ParticipantMenu } from './ParticipantMenu';
import { WebinarRoleButton } from './WebinarRoleButton';

export function ParticipantList({ client, room }: RoomFeatureProps) {
  const { t } = useTranslation();
  const { hands } = useModeration(client);
  const moderator = room.self?.role === 'host' || room.self?.role === 'cohost';
  return (
    <aside className="participants" aria-labelledby="participants-heading">
      <h2 id="participants-heading">{t('room.participants', { count: room.participants.length })}</h2>
      {room.attendees !== undefined && <p className="participant-note">{t('room.attendeeCount', { count: room.attendees })}</p>}
      <ul>
        {byRaisedHand(room.participants, hands).map((p) => (
          <li key={p.id} className={p.connected ? undefined : 'participant-away'}>
            <span className="avatar avatar-small" aria-hidden="true">
              {initials(p.displayName)}
            </span>
            <span className="participant-name">
              {p.id === room.self?.id ? t('room.you', { name: p.displayName }) : p.displayName}
              {p.role === 'host' && <span className="badge badge-host">{t('room.host')}</span>}
              {p.role === 'cohost' && <span className="badge badge-host">{t('roomControl.cohost')}</span>}
              {p.phone && <span className="badge">{t('room.phone')}</span>}
              {p.role === 'panelist' && <span className="badge">{t('room.panelist')}</span>}
              {!p.connected && <span className="participant-note">{t('room.participantReconnecting')}</span>}
              {moderator && <WebinarRoleButton client={client} participant={p} room={room} />}
              {hands.some((hand) => hand.participantId === p.id) && (
                <span className="participant-hand" title={t('moderation.handRaised')}>
                  <HandIcon />
                  <span className="visually-hidden">{t('moderation.handRaised')}</span>
                </span>
              )}
            </span>
            <span className="participant-media">
              {p.screen && (
                <span title={t('room.sharingScreen')}>
                  <ScreenIcon />
                  <span className="visually-hidden">{t('room.sharingScreen')}</span>
                </span>
              )}
              {p.camera && (
                <span title={t('room.cameraOn')}>
                  <CameraIcon />
                  <span className="visually-hidden">{t('room.cameraOn')}</span>
                </span>
              )}
              <span className={p.muted ? 'is-muted' : undefined} title={p.muted ? t('room.muted') : t('room.unmuted')}>
                {p.muted ? <MicOffIcon /> : <MicIcon />}
                <span className="visually-hidden">{p.muted ? t('room.muted') : t('room.unmuted')}</span>
              </span>
            </span>
            {moderator && p.id !== room.self?.id && (
              <ParticipantMenu
                client={client}
                self={room.self!}
                participant={p}
                handRaised={hands.some((hand) => hand.participantId === p.id)}
              />
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}
