import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BroadcastInset, insetCorners } from './BroadcastInset';
import { useFreshPicture } from './freshPicture';
import { ExitFullScreenIcon, FullScreenIcon, SpeakerIcon, SpeakerOffIcon } from './icons';
import type { RoomSnapshot } from './types';
import { WebinarWaiting } from './WebinarWaiting';
import './webinar.css';

/**
 * What a webinar attendee sees and hears: before the host starts, the waiting screen; then the
 * broadcast (the panel's sound and the shown video) in one player with the speaker's name on the
 * picture, volume, mute and full screen. A screen share is the large picture with the presenter's
 * camera small in a corner. Until a picture arrives (or while nobody shows one) it is a sound-only
 * view, not a black box. Attendees send nothing, so there are no camera or microphone controls.
 */
export function BroadcastPlayer({ room }: { room: RoomSnapshot }) {
  const { t } = useTranslation();
  const frame = useRef<HTMLElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [volume, setVolume] = useState(1);
  const [muted, setMuted] = useState(false);
  /** The browser refused to play sound without a click on this page: it plays muted until the person turns it on. */
  const [soundBlocked, setSoundBlocked] = useState(false);
  const [fullScreen, setFullScreen] = useState(false);
  const [insetCorner, setInsetCorner] = useState(0);
  const live = room.webinar?.live === true;

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = room.broadcast ?? null;
    if (!room.broadcast) return;
    element.play().catch((error: unknown) => {
      if (!(error instanceof DOMException) || error.name !== 'NotAllowedError') return;
      setSoundBlocked(true);
      element.muted = true;
      void element.play().catch(() => undefined);
    });
  }, [room.broadcast, live]);

  useEffect(() => {
    if (video.current) {
      video.current.volume = volume;
      video.current.muted = muted || soundBlocked;
    }
  }, [volume, muted, soundBlocked]);

  useEffect(() => {
    const follow = () => setFullScreen(document.fullscreenElement === frame.current && frame.current !== null);
    document.addEventListener('fullscreenchange', follow);
    return () => document.removeEventListener('fullscreenchange', follow);
  }, []);

  const shown = room.webinar?.shown ?? null;
  const showsPicture = useFreshPicture(video, room.broadcast, shown && `${shown.participantId}:${shown.kind}`);

  if (!live) return <WebinarWaiting title={room.title} details={room.webinar?.details} />;

  const nameOf = (id: string | undefined) => room.participants.find((p) => p.id === id)?.displayName;
  const speaker = nameOf(shown?.participantId);
  const inset = nameOf(room.webinar?.inset?.participantId);
  const caption = speaker
    ? shown?.kind === 'screen'
      ? t('webinar.player.screenOf', { name: speaker })
      : t('webinar.player.speaker', { name: speaker })
    : undefined;

  function toggleFullScreen(): void {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void frame.current?.requestFullscreen().catch(() => undefined);
  }

  function turnSoundOn(): void {
    setSoundBlocked(false);
    setMuted(false);
    if (volume === 0) setVolume(1);
    if (video.current) {
      video.current.muted = false;
      void video.current.play().catch(() => undefined);
    }
  }

  const silent = muted || soundBlocked || volume === 0;
  return (
    <section ref={frame} className={`stage broadcast${fullScreen ? ' broadcast-fullscreen' : ''}`} aria-label={t('room.broadcast')}>
      <figure className={`broadcast-player${showsPicture ? '' : ' broadcast-sound-only'}`}>
        {/* eslint-disable-next-line jsx-a11y/media-has-caption -- a live WebRTC broadcast; no caption track exists to attach */}
        <video ref={video} autoPlay playsInline data-broadcast="true" />
        {/* Only while the broadcast has an inset: once a share ends, the single picture again (its element and stream gone). */}
        {room.webinar?.inset && (
          <BroadcastInset
            stream={room.broadcastInset}
            name={showsPicture ? (inset ?? null) : null}
            corner={insetCorner}
            onMove={() => setInsetCorner((insetCorner + 1) % insetCorners.length)}
          />
        )}
        {!showsPicture && (
          <div className="broadcast-audio-only" data-sound-only="true">
            <SpeakerIcon />
            {caption && <span className="broadcast-audio-name">{caption}</span>}
            <span>{room.broadcast ? t('webinar.player.audioOnly') : t('webinar.player.connecting')}</span>
          </div>
        )}
        <figcaption className="broadcast-caption">
          {room.broadcast && <span className="broadcast-live">{t('webinar.player.live')}</span>}
          {showsPicture && caption && <span className="broadcast-speaker">{caption}</span>}
        </figcaption>
        {soundBlocked && (
          <button type="button" className="broadcast-sound-on" onClick={turnSoundOn}>
            <SpeakerIcon />
            {t('webinar.player.playSound')}
          </button>
        )}
      </figure>
      <div className="broadcast-controls" role="group" aria-label={t('webinar.player.controls')}>
        <button
          type="button"
          className="secondary"
          aria-pressed={silent}
          aria-label={silent ? t('webinar.player.unmute') : t('webinar.player.mute')}
          title={silent ? t('webinar.player.unmute') : t('webinar.player.mute')}
          onClick={() => (silent ? turnSoundOn() : setMuted(true))}
        >
          {silent ? <SpeakerOffIcon /> : <SpeakerIcon />}
        </button>
        <input
          type="range"
          className="broadcast-volume"
          min={0}
          max={100}
          step={5}
          value={Math.round((silent ? 0 : volume) * 100)}
          aria-label={t('webinar.player.volume')}
          onChange={(event) => {
            const next = Number(event.target.value) / 100;
            setVolume(next);
            if (next > 0) {
              setSoundBlocked(false);
              setMuted(false);
            }
          }}
        />
        <span className="broadcast-watching">{t('room.watching', { count: room.attendees ?? 0 })}</span>
        <button
          type="button"
          className="secondary"
          aria-label={fullScreen ? t('webinar.player.exitFullScreen') : t('webinar.player.fullScreen')}
          title={fullScreen ? t('webinar.player.exitFullScreen') : t('webinar.player.fullScreen')}
          onClick={toggleFullScreen}
        >
          {fullScreen ? <ExitFullScreenIcon /> : <FullScreenIcon />}
        </button>
      </div>
    </section>
  );
}
