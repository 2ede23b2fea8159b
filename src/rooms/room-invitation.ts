import { AppError } from '../errors.js';
import type { InvitationView } from '../shared/protocol/index.js';
import type { RoomTable } from '../store/schema.js';
import { formatMeetingNumber } from './codes.js';
import { defineIntent, type RoomFeature } from './room-features.js';
import { canInRoom } from './room-policy.js';

export function invitationFor(row: RoomTable, publicUrl: URL, dialInNumber: string | undefined): InvitationView {
  const joinUrl = new URL(`/join?meeting=${row.meeting_number}`, publicUrl);
  const link = new URL(joinUrl);
  link.hash = `pwd=${encodeURIComponent(row.passcode)}`;
  const personal = row.event_id !== null;
  const pin = personal ? null : (row.phone_pin ?? null);
  return {
    link: link.toString(),
    joinUrl: new URL('/join', publicUrl).toString(),
    meetingNumber: formatMeetingNumber(row.meeting_number),
    passcode: row.passcode,
    dialIn: dialInNumber && (personal || pin) ? { number: dialInNumber, pin, personal } : null,
  };
}

/** The `invite.details` intent: hosts and co-hosts (room-policy.ts) get the room's invitation. */
export function createInvitation(
  findRoom: (roomId: string) => Promise<RoomTable | undefined>,
  publicUrl: URL,
  dialInNumber: string | undefined,
): RoomFeature {
  return {
    intents: [
      defineIntent('invite.details', async ({ room, session }) => {
        if (!canInRoom(session, 'invite')) throw new AppError('ERR_FORBIDDEN');
        const row = await findRoom(room.roomId);
        if (!row) throw new AppError('ERR_NOT_FOUND');
        return invitationFor(row, publicUrl, dialInNumber);
      }),
    ],
  };
}
