import { candidate, intent, jsep, noReply, participantId, push, sdp } from './contract.js';
import { z } from 'zod';

/**
 * Webinar mode (src/rooms/webinar.ts): attendees wait until a host starts the webinar, then watch
 * the broadcast; hosts invite attendees to speak, and each invited attendee answers first.
 */

/** What attendees see of a webinar besides its title: for the waiting screen and the end screen. */
export const webinarDetails = z.object({
  /** Who holds the webinar (the organisation). */
  organiser: z.string(),
  /** The event's planned start and end (UTC) and the zone it was planned in; absent for a webinar without an event. */
  startsAt: z.string().optional(),
  endsAt: z.string().optional(),
  timeZone: z.string().optional(),
  /** What the organiser offers after the end (an optional text and link). */
  followUp: z.object({ text: z.string().nullable(), url: z.string().nullable() }).optional(),
});
export type WebinarDetails = z.infer<typeof webinarDetails>;

/** Whose publication the broadcast shows now (one of the panel), or null. */
export const shownOnBroadcast = z.object({ participantId: z.string(), kind: z.enum(['camera', 'screen']) }).nullable();
/** Whose camera the broadcast shows small beside a screen share, or null. */
export const insetOnBroadcast = z.object({ participantId: z.string() }).nullable();

/** The broadcast's two pictures: the main one, and a camera inset while a screen share is the main one. */
export type BroadcastSlot = 'main' | 'inset';
/** The mids of the broadcast's sound and pictures in Janus' offer: the browser tells the pictures apart by them. */
export const broadcastMids = { audio: 'a', main: 'v', inset: 'c' } as const satisfies Record<BroadcastSlot | 'audio', string>;

/** What became of an invitation to speak, as hosts and co-hosts are told. */
export const invitationState = z.enum(['pending', 'accepted', 'declined', 'withdrawn']);
export type InvitationState = z.infer<typeof invitationState>;

export const webinarIntents = {
  /** A host or co-host starts the webinar: attendees' waiting screens switch to the broadcast by themselves. */
  'webinar.goLive': intent({}, noReply),
  /** An attendee starts watching (only once the webinar is live): Janus' offer of the broadcast. */
  'webinar.watch': intent({}, z.object({ offer: jsep })),
  'webinar.start': intent({ answer: sdp('answer') }, noReply),
  'webinar.trickle': intent({ candidate }, noReply),
  /** A host invites an attendee to speak; the attendee is asked first. */
  'webinar.promote': intent({ participantId }, noReply),
  /** The invited attendee's answer; accepting brings them onto the panel. */
  'webinar.reply': intent({ accept: z.boolean() }, noReply),
  /** Back to the audience, or an unanswered invitation withdrawn. */
  'webinar.demote': intent({ participantId }, noReply),
};

export const webinarPushes = [
  /** To everyone on connecting and when it changes: whether the webinar is live, its details, whose pictures are shown. */
  push('webinar.state', { live: z.boolean(), details: webinarDetails, shown: shownOnBroadcast, inset: insetOnBroadcast }),
  /** To the attendee a host invited to speak. */
  push('webinar.invited', {}),
  /** To that attendee: the host took the invitation back before they answered. */
  push('webinar.uninvited', {}),
  /** To hosts and co-hosts: what became of an invitation. */
  push('webinar.invitation', { participantId: z.string(), displayName: z.string(), state: invitationState }),
] as const;
