import type { DialInIssuer } from '../events/seats.js';
import { formatMeetingNumber } from '../rooms/codes.js';
import { newPersonalPin, personalPinHash } from './pins.js';
import { telephonyRepo } from './repo.js';

/**
 * Gives a registrant who asked to dial in a personal PIN, unique within the event, and returns
 * what their join mail says. Only the PIN's hash is stored; a new join mail means a new PIN.
 */
export function personalDialIn(dialInNumber: string): DialInIssuer {
  return async (tx, eventId, registrationId) => {
    const room = await telephonyRepo.meetingNumberOfEvent(tx, eventId);
    if (!room) return undefined;
    for (;;) {
      const pin = newPersonalPin();
      const hash = personalPinHash(eventId, pin);
      if (await telephonyRepo.pinHashTaken(tx, eventId, hash)) continue;
      await telephonyRepo.setPinHash(tx, registrationId, hash);
      return { number: dialInNumber, meetingNumber: formatMeetingNumber(room.meeting_number), pin };
    }
  };
}
