import { z } from 'zod';
import { timestamp } from './common.js';

/** The public callback form and the staff queue (src/callback/routes.ts). */

export const callbackReceived = z.object({ status: z.literal('received') });

/** What the form's consent sentence states: how long after the call the request is kept. */
export const callbackTerms = z.object({ retentionDays: z.number().int() });

export const callbackRequest = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string(),
  preferredTime: z.string(),
  topic: z.string(),
  language: z.string(),
  noticeVersion: z.string(),
  createdAt: timestamp,
  assignedTo: z.string().nullable(),
  doneAt: timestamp.nullable(),
});
export type CallbackRequest = z.infer<typeof callbackRequest>;

export const callbackList = z.object({ callbacks: z.array(callbackRequest) });
