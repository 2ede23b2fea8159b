import { useEffect, useRef, type VideoHTMLAttributes } from 'react';

/** A live stream; always muted, since all sound comes through the room's single mix element. */
export function Video({
  stream,
  ...attributes
}: { stream: MediaStream } & VideoHTMLAttributes<HTMLVideoElement> & Record<`data-${string}`, string>) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} autoPlay playsInline muted {...attributes} />;
}

/** The audio mix of everyone else; never shown. */
export function RemoteAudio({ stream }: { stream: MediaStream | undefined }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream ?? null;
  }, [stream]);
  // eslint-disable-next-line jsx-a11y/media-has-caption -- the live WebRTC mix of the meeting; no caption track exists to attach
  return <audio ref={ref} autoPlay className="room-audio" />;
}
