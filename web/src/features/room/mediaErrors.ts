import type { TFunction } from 'i18next';
import { SignalingError } from './signaling';

export type DeviceKind = 'microphone' | 'camera' | 'screen';

/** A translated reason why a device or a share could not be switched on. */
export function mediaErrorMessage(t: TFunction, error: unknown, kind: DeviceKind): string {
  // The server's answers arrive translated already.
  if (error instanceof SignalingError) return error.message;
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return t(`room.errors.denied.${kind}`);
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return t(`room.errors.notFound.${kind}`);
  if (name === 'NotReadableError' || name === 'AbortError') return t(`room.errors.busy.${kind}`);
  return t('room.errors.device');
}
