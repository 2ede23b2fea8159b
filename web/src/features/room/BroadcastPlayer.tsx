import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomSnapshot } from './types';

/**
 * What a webinar attendee sees and hears: the broadcast (the panel's sound and the shown
 * video) in one player. Attendees send nothing, so there are no camera or microphone controls.
 */
export function BroadcastPlayer({ room }: { room: RoomSnapshot }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = room.broadcast ?? null;
  }, [room.broadcast]);
  return (
    <section className="stage broadcast" aria-label={t('room.broadcast')}>
      <figure className="tile broadcast-player">
        {/* eslint-disable-next-line jsx-a11y/media-has-caption -- a live WebRTC broadcast; no caption track exists to attach */}
        <video ref={ref} autoPlay playsInline data-broadcast="true" />
        <figcaption className="tile-label">
          <span className="broadcast-live">{t('room.live')}</span>
          <span className="tile-name">
            {room.broadcast ? t('room.watching', { count: room.attendees ?? 0 }) : t('room.broadcastStarting')}
          </span>
        </figcaption>
      </figure>
    </section>
  );
}
