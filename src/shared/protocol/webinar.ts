import { candidate, intent, jsep, noReply, participantId, sdp } from './contract.js';
import { z } from 'zod';

/** Webinar mode: attendees watch the broadcast; hosts bring them onto the panel (src/rooms/webinar.ts). */

export const webinarIntents = {
  /** An attendee starts watching: Janus' offer of the broadcast. */
  'webinar.watch': intent({}, z.object({ offer: jsep })),
  'webinar.start': intent({ answer: sdp('answer') }, noReply),
  'webinar.trickle': intent({ candidate }, noReply),
  'webinar.promote': intent({ participantId }, noReply),
  'webinar.demote': intent({ participantId }, noReply),
};

export const webinarPushes = [] as const;
