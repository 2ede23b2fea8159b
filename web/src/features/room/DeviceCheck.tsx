import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../ui/Field';
import { PageTitle } from '../../ui/PageTitle';
import { useAudioLevel, useMediaDevices, useTestStream } from './devices';
import { CameraIcon, CameraOffIcon, MicIcon } from './icons';
import { mediaErrorMessage } from './mediaErrors';
import { RoomFrame } from './RoomFrame';
import type { DeviceChoice } from './types';
import { Video } from './Video';

/**
 * Before entering: try camera and microphone if you like. Nothing is captured until asked,
 * and every test track is stopped before the room opens, where both start off.
 */
export function DeviceCheck({
  onJoin,
  title,
  joinLabel,
  onCancel,
  cancelLabel,
  context,
}: {
  onJoin: (devices: DeviceChoice) => void;
  /** Where the person goes next, for the words: a meeting, a webinar's panel, or the speakers after an invitation (unknown: a meeting). */
  context?: 'meeting' | 'webinar' | 'speaker';
  /** A webinar attendee invited to speak checks their devices with other words, and may still say no. */
  title?: string;
  joinLabel?: string;
  onCancel?: () => void;
  cancelLabel?: string;
}) {
  const { t } = useTranslation();
  const { microphones, cameras, refresh } = useMediaDevices();
  const [microphoneId, setMicrophoneId] = useState('');
  const [cameraId, setCameraId] = useState('');
  const camera = useTestStream('video', refresh);
  const microphone = useTestStream('audio', refresh);
  const level = useAudioLevel(microphone.stream);
  const cameraError = camera.error ? mediaErrorMessage(t, camera.error, 'camera') : undefined;
  const microphoneError = microphone.error ? mediaErrorMessage(t, microphone.error, 'microphone') : undefined;
  const deviceOptions = (list: MediaDeviceInfo[], fallback: string) => [
    { value: '', label: t('room.check.defaultDevice') },
    ...list.map((device, index) => ({ value: device.deviceId, label: device.label || `${fallback} ${index + 1}` })),
  ];

  function join(): void {
    camera.stop();
    microphone.stop();
    onJoin({ microphoneId: microphoneId || undefined, cameraId: cameraId || undefined });
  }

  return (
    <RoomFrame wrapHeading heading={<PageTitle>{title ?? t('room.check.title')}</PageTitle>}>
      <div className="room-card device-check">
        <div className="preview">
          {camera.stream ? (
            <Video stream={camera.stream} className="mirrored" data-preview="true" />
          ) : (
            <div className="preview-off">
              <CameraOffIcon />
              <span>{t('room.check.cameraOff')}</span>
            </div>
          )}
        </div>
        <div className="device-tests">
          <div className="device-test">
            <button
              type="button"
              className="secondary"
              aria-pressed={camera.stream !== undefined}
              onClick={() => (camera.stream ? camera.stop() : void camera.start(cameraId))}
            >
              <CameraIcon />
              {camera.stream ? t('room.check.stopCameraTest') : t('room.check.testCamera')}
            </button>
            <SelectField
              label={t('room.check.camera')}
              value={cameraId}
              onChange={(e) => {
                setCameraId(e.target.value);
                if (camera.stream) void camera.start(e.target.value);
              }}
              options={deviceOptions(cameras, t('room.check.camera'))}
            />
            {cameraError && (
              <p role="alert" className="room-error">
                {cameraError}
              </p>
            )}
          </div>
          <div className="device-test">
            <button
              type="button"
              className="secondary"
              aria-pressed={microphone.stream !== undefined}
              onClick={() => (microphone.stream ? microphone.stop() : void microphone.start(microphoneId))}
            >
              <MicIcon />
              {microphone.stream ? t('room.check.stopMicrophoneTest') : t('room.check.testMicrophone')}
            </button>
            <SelectField
              label={t('room.check.microphone')}
              value={microphoneId}
              onChange={(e) => {
                setMicrophoneId(e.target.value);
                if (microphone.stream) void microphone.start(e.target.value);
              }}
              options={deviceOptions(microphones, t('room.check.microphone'))}
            />
            <div
              className="level"
              role="meter"
              aria-label={t('room.check.level')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(level * 100)}
            >
              <div className="level-bar" style={{ transform: `scaleX(${level})` }} />
            </div>
            {microphoneError && (
              <p role="alert" className="room-error">
                {microphoneError}
              </p>
            )}
          </div>
        </div>
        <p className="privacy-note">{t('room.check.offNote', { context })}</p>
        <div className="device-check-actions">
          <button type="button" className="join-now" onClick={join}>
            {joinLabel ?? t('room.check.join')}
          </button>
          {onCancel && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                camera.stop();
                microphone.stop();
                onCancel();
              }}
            >
              {cancelLabel}
            </button>
          )}
        </div>
      </div>
    </RoomFrame>
  );
}
