import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomFeatureProps } from './extensions';

/**
 * A panelist: whether attendees see them yet (backstage until the start, then live).
 * The webinar's host and co-hosts: before the start, a bar saying attendees wait and the button
 * that starts the webinar; once live, the live state and how many watch. Answers to invitations
 * to speak (declined, accepted) are shown until closed.
 */
export function WebinarHostBar({ client, room }: RoomFeatureProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const [starting, setStarting] = useState(false);
  const role = room.self?.role;
  if (room.webinar && role === 'panelist')
    return (
      <p className="webinar-host-bar" role="status">
        {room.webinar.live && <span className="webinar-live-badge">{t('webinar.host.live')}</span>}
        <span>{t(room.webinar.live ? 'webinar.panelist.live' : 'webinar.panelist.backstage')}</span>
      </p>
    );
  if (!room.webinar || (role !== 'host' && role !== 'cohost')) return null;
  const answers = [...room.invitations].filter(([, invitation]) => invitation.state === 'declined' || invitation.state === 'accepted');

  async function goLive(): Promise<void> {
    setError(undefined);
    setStarting(true);
    try {
      await client.request('webinar.goLive');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : t('errors.unknown'));
    } finally {
      setStarting(false);
    }
  }

  return (
    <>
      {room.webinar.live ? (
        <p className="webinar-host-bar" role="status">
          <span className="webinar-live-badge">{t('webinar.host.live')}</span>
          <span>{t('room.attendeeCount', { count: room.attendees ?? 0 })}</span>
        </p>
      ) : (
        <div className="webinar-host-bar">
          <span>{t('webinar.host.notLive')}</span>
          <button type="button" disabled={starting} onClick={() => void goLive()}>
            {t('webinar.host.goLive')}
          </button>
        </div>
      )}
      {error && (
        <p className="room-error" role="alert">
          {error}
        </p>
      )}
      {answers.map(([participantId, invitation]) => (
        <div key={participantId} className="room-banner moderation-notice" role="status">
          <span>
            {t(invitation.state === 'declined' ? 'webinar.host.declined' : 'webinar.host.accepted', { name: invitation.displayName })}
          </span>
          <button type="button" className="secondary" onClick={() => client.forgetInvitation(participantId)}>
            {t('webinar.host.dismiss')}
          </button>
        </div>
      ))}
    </>
  );
}
