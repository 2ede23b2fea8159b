import { z } from 'zod';
import { timestamp } from './common.js';

/** Meetings and joining them (src/rooms/routes.ts). */

export const meetingSchedule = z.object({
  startsAt: timestamp.describe('First start'),
  localStart: z.string().describe('First start as wall-clock time in timeZone (YYYY-MM-DDTHH:mm)'),
  timeZone: z.string(),
  durationMinutes: z.number(),
  recurrence: z.enum(['weekly', 'monthly']).nullable(),
  nextStartsAt: timestamp.nullable().describe('The running or next occurrence; null when a one-off meeting is over'),
});

export const meeting = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(['meeting', 'webinar']),
  eventId: z.string().nullable().describe('The scheduled event this room belongs to, if any'),
  meetingNumber: z.string().describe('11 digits, shown grouped (123 4567 8901)'),
  passcode: z.string(),
  joinUrl: z.string(),
  createdAt: timestamp,
  endedAt: timestamp.nullable(),
  live: z.boolean(),
  participants: z.number(),
  schedule: meetingSchedule.nullable(),
});
export type Meeting = z.infer<typeof meeting>;

export const meetingList = z.object({ meetings: z.array(meeting) });

export const attendanceList = z.object({
  attendance: z.array(z.object({ displayName: z.string(), role: z.string(), joinedAt: timestamp, leftAt: timestamp.nullable() })),
});

export const joinGrant = z.object({
  joinToken: z.string().describe('Present it as the first WebSocket message ({type:"hello"})'),
  title: z.string(),
  kind: z.enum(['meeting', 'webinar']).describe('What the room is: the browser words its screens for it'),
  watchOnly: z
    .boolean()
    .describe('A webinar attendee: they watch and send nothing, so the browser asks them nothing about camera or microphone'),
  socketPath: z
    .string()
    .describe(
      'Where to open the room WebSocket: /api/rooms/socket?room=<id>, so a balancer sends every socket of a room to its owner instance; a webinar attendee’s adds &seat=<random>, so attendees spread over all instances',
    ),
});
export type JoinGrant = z.infer<typeof joinGrant>;
