import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether the video element has shown a frame since `whose` last changed. A broadcast picture
 * that switches to someone else keeps its last frame until the new one arrives; that frame
 * belongs to the one before and must not show under the new name.
 */
export function useFreshPicture(video: RefObject<HTMLVideoElement | null>, stream: MediaStream | undefined, whose: string | null): boolean {
  const key = stream && whose !== null ? `${stream.id} ${whose}` : null;
  const [freshFor, setFreshFor] = useState<string | null>(null);
  useEffect(() => {
    const element = video.current;
    if (!element || key === null) return;
    // Called with the next frame the element presents, not with the one it holds.
    const handle = element.requestVideoFrameCallback(() => setFreshFor(key));
    return () => element.cancelVideoFrameCallback(handle);
  }, [video, key]);
  return key !== null && freshFor === key;
}
