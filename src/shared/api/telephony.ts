import { z } from 'zod';
import { timestamp } from './common.js';

/** Call records and dial-in details (src/telephony/routes.ts). */

export const callRecord = z.object({
  id: z.string(),
  meeting: z
    .object({ id: z.string(), title: z.string(), meetingNumber: z.string() })
    .nullable()
    .describe('The meeting the caller entered; null when never admitted'),
  callerNumber: z.string().nullable(),
  calledNumber: z.string().nullable(),
  callerCountry: z.string().nullable().describe('English country name derived from the caller number'),
  sourceIp: z.string(),
  sourcePort: z.number(),
  transport: z.string(),
  outcome: z.enum(['in-ivr', 'admitted', 'refused', 'abandoned']),
  startedAt: timestamp,
  endedAt: timestamp.nullable(),
});
export type CallRecord = z.infer<typeof callRecord>;

export const callList = z.object({ calls: z.array(callRecord) });

export const dialIn = z.object({
  number: z.string().nullable().describe('SIP_DIAL_IN_NUMBER; null when dial-in is not configured'),
  meetingNumber: z.string(),
  pin: z.string().nullable().describe('Null for an event’s room: registrants dial in with their personal PINs'),
});
export type DialIn = z.infer<typeof dialIn>;
