import { useCallback, useEffect, useRef, useState } from 'react';

/** The microphones and cameras; their names are known only after the user granted access once. */
export function useMediaDevices() {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const refresh = useCallback(() => {
    navigator.mediaDevices?.enumerateDevices().then(
      (all) => setDevices(all.filter((device) => device.deviceId !== '' && device.deviceId !== 'default')),
      () => setDevices([]),
    );
  }, []);
  useEffect(() => {
    refresh();
    navigator.mediaDevices?.addEventListener('devicechange', refresh);
    return () => navigator.mediaDevices?.removeEventListener('devicechange', refresh);
  }, [refresh]);
  return {
    microphones: devices.filter((device) => device.kind === 'audioinput'),
    cameras: devices.filter((device) => device.kind === 'videoinput'),
    refresh,
  };
}

function stopAll(stream: MediaStream | undefined): void {
  stream?.getTracks().forEach((track) => track.stop());
}

/** A capture for testing one device, stopped at the source when replaced, stopped or unmounted. */
export function useTestStream(kind: 'audio' | 'video', onGranted: () => void) {
  const [stream, setStream] = useState<MediaStream>();
  const [error, setError] = useState<unknown>(null);
  const current = useRef<MediaStream>(undefined);
  const mounted = useRef(false);

  const replace = useCallback((next: MediaStream | undefined) => {
    stopAll(current.current);
    current.current = next;
    setStream(next);
  }, []);

  const start = useCallback(
    async (deviceId: string) => {
      setError(null);
      try {
        const captured = await navigator.mediaDevices.getUserMedia({ [kind]: deviceId ? { deviceId: { exact: deviceId } } : true });
        // The page may have gone while the browser asked; the camera light must not stay on.
        if (!mounted.current) return stopAll(captured);
        replace(captured);
        onGranted();
      } catch (failure) {
        replace(undefined);
        setError(failure);
      }
    },
    [kind, onGranted, replace],
  );

  const stop = useCallback(() => replace(undefined), [replace]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      stopAll(current.current);
      current.current = undefined;
    };
  }, []);

  return { stream, error, start, stop };
}

/** The loudness of an audio stream from 0 to 1, sampled once per frame. */
export function useAudioLevel(stream: MediaStream | undefined): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!stream) return;
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let frame = 0;
    const measure = () => {
      analyser.getFloatTimeDomainData(samples);
      const rms = Math.sqrt(samples.reduce((sum, sample) => sum + sample * sample, 0) / samples.length);
      setLevel(Math.min(1, Math.round(rms * 80) / 10));
      frame = requestAnimationFrame(measure);
    };
    measure();
    return () => {
      cancelAnimationFrame(frame);
      void context.close();
      setLevel(0);
    };
  }, [stream]);
  return level;
}
