import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CameraIcon, CameraOffIcon, EndIcon, LeaveIcon, MicIcon, MicOffIcon, ScreenIcon } from './icons';
import { mediaErrorMessage, type DeviceKind } from './mediaErrors';
import { RaiseHandButton } from './RaiseHandButton';
import type { RoomClient } from './roomClient';
import type { RoomSnapshot } from './types';

function ControlButton({ label, icon, pressed, className, disabled, onClick }: {
  label: string;
  icon: ReactNode;
  pressed?: boolean;
  className?: string;
  disabled?: boolean;
  onClick: () => void;
}) {
  return (
    <button type="button" className={`control ${className ?? ''}`} aria-pressed={pressed} disabled={disabled} onClick={onClick}>
      {icon}
      <span className="control-label">{label}</span>
    </button>
  );
}

/** Microphone, camera and screen are toggles that show what is sent now; leaving is always one click. */
export function ControlBar({ client, room }: { client: RoomClient; room: RoomSnapshot }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<DeviceKind>();
  const [error, setError] = useState<string>();
  const { sending } = room;
  // Webinar attendees send nothing: they watch the broadcast until the host promotes them.
  const attendee = room.self?.role === 'attendee';
  const switches: Record<DeviceKind, (on: boolean) => Promise<void>> = {
    microphone: (on) => client.setMicrophone(on),
    camera: (on) => client.setCamera(on),
    screen: (on) => client.setScreen(on),
  };

  async function toggle(kind: DeviceKind): Promise<void> {
    const on = !sending[kind];
    setPending(kind);
    setError(undefined);
    try {
      await switches[kind](on);
    } catch (failure) {
      setError(mediaErrorMessage(t, failure, kind));
      // Whatever half succeeded is switched off again: the state shown is the state sent.
      if (on) await switches[kind](false).catch(() => undefined);
    } finally {
      setPending(undefined);
    }
  }

  async function endForAll(): Promise<void> {
    setError(undefined);
    await client.endForAll().catch((failure: unknown) => setError(failure instanceof Error ? failure.message : t('errors.unknown')));
  }

  const off = 'control-off';
  return (
    <div className="room-controls">
      {error && (
        <div className="room-error" role="alert">
          {error}
        </div>
      )}
      <div className="control-bar" role="group" aria-label={t('room.controls')}>
        {!attendee && (
          <>
            <ControlButton
              label={sending.microphone ? t('room.mute') : t('room.unmute')}
              icon={sending.microphone ? <MicIcon /> : <MicOffIcon />}
              pressed={sending.microphone}
              className={sending.microphone ? '' : off}
              disabled={pending === 'microphone'}
              onClick={() => void toggle('microphone')}
            />
            <ControlButton
              label={sending.camera ? t('room.stopCamera') : t('room.startCamera')}
              icon={sending.camera ? <CameraIcon /> : <CameraOffIcon />}
              pressed={sending.camera}
              className={sending.camera ? '' : off}
              disabled={pending === 'camera'}
              onClick={() => void toggle('camera')}
            />
            <ControlButton
              label={sending.screen ? t('room.stopScreen') : t('room.shareScreen')}
              icon={<ScreenIcon />}
              pressed={sending.screen}
              className={sending.screen ? 'control-active' : ''}
              disabled={pending === 'screen'}
              onClick={() => void toggle('screen')}
            />
          </>
        )}
        <RaiseHandButton client={client} room={room} onError={setError} />
        <ControlButton label={t('room.leave')} icon={<LeaveIcon />} className="control-leave" onClick={() => void client.leave()} />
        {room.self?.role === 'host' && <ControlButton label={t('room.endForAll')} icon={<EndIcon />} className="control-end" onClick={() => void endForAll()} />}
      </div>
    </div>
  );
}
