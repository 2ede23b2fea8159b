import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFreshPicture } from './freshPicture';
import { MoveIcon } from './icons';

/** Where the small picture sits; never top left, where the speaker's name and the live state are. */
export const insetCorners = ['bottom-right', 'bottom-left', 'top-right'] as const;

/**
 * The broadcast's small picture: the camera of whoever presents beside a screen share, in a
 * corner of the player; the attendee moves it to another corner when it covers something.
 * Hidden until a frame of this person arrives. The player keeps it only while the broadcast
 * has an inset (a screen share): without one the attendee is back to the single picture.
 */
export function BroadcastInset({
  stream,
  name,
  corner,
  onMove,
}: {
  stream?: MediaStream;
  name: string | null;
  /** Index into `insetCorners`; kept by the player, so the next share's inset sits where the attendee put the last. */
  corner: number;
  onMove: () => void;
}) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const fresh = useFreshPicture(video, stream, name);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = stream ?? null;
    if (stream) void element.play().catch(() => undefined);
    return () => {
      element.srcObject = null;
    };
  }, [stream]);

  const visible = fresh && name !== null;
  return (
    // Kept in the page while hidden (transparent): a hidden video element would present no frame to wait for.
    <div
      className={`broadcast-inset broadcast-inset-${insetCorners[corner]}${visible ? '' : ' broadcast-inset-waiting'}`}
      aria-hidden={!visible}
    >
      <video ref={video} autoPlay playsInline muted data-broadcast-inset="true" />
      {name && <span className="broadcast-inset-name">{name}</span>}
      <button
        type="button"
        className="broadcast-inset-move"
        aria-label={t('webinar.player.moveInset')}
        title={t('webinar.player.moveInset')}
        tabIndex={visible ? undefined : -1}
        onClick={onMove}
      >
        <MoveIcon />
      </button>
    </div>
  );
}
