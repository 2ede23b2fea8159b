import type { TFunction } from 'i18next';
import { SignalingError } from './signaling';

export type DeviceKind = 'microphone' | 'camera' | 'screen';

/**
 * What the server or the connection said, in the user's words: a full room, a lost connection
 * and a server problem each have their own text; other server answers arrive translated already.
 */
export function roomErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof SignalingError) {
    switch (error.code) {
      case 'ERR_ROOM_PUBLISHERS_FULL':
        return t('roomControl.errors.roomFull');
      case 'ERR_CONNECTION_CLOSED':
        return t('roomControl.errors.connectionLost');
      // The browser found no path to the media server (src/features/room/connectivity.ts).
      case 'ERR_MEDIA_PATH':
        return t('roomControl.errors.mediaPath');
      case 'ERR_MEDIA_UNAVAILABLE':
      case 'ERR_INTERNAL':
        return t('roomControl.errors.server');
      default:
        return error.message;
    }
  }
  return t('errors.unknown');
}

/** A translated reason why a device or a share could not be switched on. */
export function mediaErrorMessage(t: TFunction, error: unknown, kind: DeviceKind): string {
  if (error instanceof SignalingError) return roomErrorMessage(t, error);
  // No getDisplayMedia (phones): the call itself fails with a TypeError.
  if (kind === 'screen' && !navigator.mediaDevices?.getDisplayMedia) return t('roomControl.errors.screenUnsupported');
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return t(`room.errors.denied.${kind}`);
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return t(`room.errors.notFound.${kind}`);
  if (name === 'NotReadableError' || name === 'AbortError') return t(`room.errors.busy.${kind}`);
  // The browser's own WebRTC failed (no device problem): the connection to the media server.
  if (name === 'InvalidStateError' || name === 'OperationError') return t('roomControl.errors.connectionLost');
  return t('room.errors.device');
}

/** Whether this browser can share a screen at all (most phones cannot). */
export const canShareScreen = (): boolean => typeof navigator.mediaDevices?.getDisplayMedia === 'function';
