import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EndForAllDialog } from './EndForAllDialog';
import { CameraIcon, CameraOffIcon, EndIcon, InviteIcon, LeaveIcon, MicIcon, MicOffIcon, ScreenIcon } from './icons';
import { InviteDialog } from './InviteDialog';
import { LeaveDialog, mustChooseOnLeave } from './LeaveDialog';
import { canShareScreen, mediaErrorMessage, roomErrorMessage, type DeviceKind } from './mediaErrors';
import { RaiseHandButton } from './RaiseHandButton';
import type { RoomClient } from './roomClient';
import type { RoomSnapshot } from './types';

/** One control: icon and label; on phones the label is hidden visually but stays the button's name (and its tooltip). */
function ControlButton({
  label,
  icon,
  pressed,
  className,
  disabled,
  onClick,
}: {
  label: string;
  icon: ReactNode;
  pressed?: boolean;
  className?: string;
  disabled?: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className={`control ${className ?? ''}`}
      title={label}
      aria-pressed={pressed}
      disabled={disabled}
      onClick={onClick}
    >
      {icon}
      <span className="control-label">{label}</span>
    </button>
  );
}

type Dialog = 'end' | 'leave' | 'invite';

/**
 * Microphone, camera and screen are toggles that show what is sent now. Leaving is one click,
 * except for the last host, who names the next host or ends the meeting; ending for all asks first.
 */
export function ControlBar({ client, room }: { client: RoomClient; room: RoomSnapshot }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<DeviceKind>();
  const [error, setError] = useState<string>();
  const [dialog, setDialog] = useState<Dialog>();
  const { sending } = room;
  const role = room.self?.role;
  // Webinar attendees send nothing: they watch the broadcast until the host promotes them.
  const attendee = role === 'attendee';
  const moderator = role === 'host' || role === 'cohost';
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

  const shown = error ?? (room.mediaProblem !== undefined ? roomErrorMessage(t, room.mediaProblem) : undefined);
  function dismiss(): void {
    setError(undefined);
    client.dismissMediaProblem();
  }

  const off = 'control-off';
  return (
    <div className="room-controls">
      {room.connectingViaRelay && !shown && (
        <p className="room-relay-notice" role="status">
          {t('roomControl.connectingViaRelay')}
        </p>
      )}
      {shown && (
        <div className="room-error room-error-dismissable" role="alert">
          <span>{shown}</span>
          <button
            type="button"
            className="room-error-dismiss"
            aria-label={t('roomControl.dismiss')}
            title={t('roomControl.dismiss')}
            onClick={dismiss}
          >
            ×
          </button>
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
            {/* Phones cannot share their screen: the button is not offered there. */}
            {canShareScreen() && (
              <ControlButton
                label={sending.screen ? t('room.stopScreen') : t('room.shareScreen')}
                icon={<ScreenIcon />}
                pressed={sending.screen}
                className={sending.screen ? 'control-active' : ''}
                disabled={pending === 'screen'}
                onClick={() => void toggle('screen')}
              />
            )}
          </>
        )}
        <RaiseHandButton client={client} room={room} onError={setError} />
        {moderator && (
          <ControlButton
            label={t('roomControl.invite')}
            icon={<InviteIcon />}
            className="control-invite"
            onClick={() => setDialog('invite')}
          />
        )}
        <ControlButton
          label={t('room.leave')}
          icon={<LeaveIcon />}
          className="control-leave"
          onClick={() => (mustChooseOnLeave(room) ? setDialog('leave') : void client.leave())}
        />
        {role === 'host' && (
          <ControlButton
            label={t('room.endForAll', { context: room.webinar ? 'webinar' : undefined })}
            icon={<EndIcon />}
            className="control-end"
            onClick={() => setDialog('end')}
          />
        )}
      </div>
      {dialog === 'end' && <EndForAllDialog client={client} webinar={room.webinar !== undefined} onClose={() => setDialog(undefined)} />}
      {dialog === 'leave' && (
        <LeaveDialog client={client} room={room} onClose={() => setDialog(undefined)} onEndForAll={() => setDialog('end')} />
      )}
      {dialog === 'invite' && <InviteDialog client={client} title={room.title} onClose={() => setDialog(undefined)} />}
    </div>
  );
}
