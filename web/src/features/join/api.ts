import { joinGrant, type JoinGrant } from '@shared/api/meetings.js';
import { http } from '../../api/client';

export interface JoinInput {
  meetingNumber: string;
  passcode: string;
  displayName: string;
  /** A solved captcha, once the server asked for one (after many wrong passcodes for the meeting). */
  captcha?: string;
}

export type { JoinGrant };

/** The server answers "refused" alike for an unknown meeting and a wrong passcode. */
export const joinMeeting = (input: JoinInput) => http.submit('/api/join', input, joinGrant);

/** A personal join link from a registration mail. */
export const joinWithLink = (token: string) => http.submit('/api/join/link', { token }, joinGrant);
