import { api } from '../../api/client';

export interface JoinInput {
  meetingNumber: string;
  passcode: string;
  displayName: string;
  /** A solved captcha, once the server asked for one (after many wrong passcodes for the meeting). */
  captcha?: string;
}

export interface JoinGrant {
  joinToken: string;
  title: string;
  /** A webinar attendee: watches and sends nothing, so no device check. */
  watchOnly: boolean;
}

/** The server answers "refused" alike for an unknown meeting and a wrong passcode. */
export const joinMeeting = (input: JoinInput) => api.post<JoinGrant>('/api/join', input);

/** A personal join link from a registration mail. */
export const joinWithLink = (token: string) => api.post<JoinGrant>('/api/join/link', { token });
