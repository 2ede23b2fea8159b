import { z } from 'zod';
import { intent } from './contract.js';

/** What the Invite panel in the room shows to hosts and co-hosts (src/rooms/room-invitation.ts). */
export const invitationView = z.object({
  /** Opens /join with the meeting ID filled in; the passcode rides in the fragment (`#pwd=`), which browsers never send to the server. */
  link: z.string(),
  joinUrl: z.string(),
  meetingNumber: z.string(),
  passcode: z.string(),
  /** Phone dial-in, when configured: the number and this meeting's PIN; `personal` for event rooms, whose registrants have PINs of their own. */
  dialIn: z.object({ number: z.string(), pin: z.string().nullable(), personal: z.boolean() }).nullable(),
});
export type InvitationView = z.infer<typeof invitationView>;

export const inviteIntents = {
  'invite.details': intent({}, invitationView),
};
