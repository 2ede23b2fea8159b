import { invitation, type Invitation } from '@shared/api/accounts.js';
import { http } from '../../api/client';

export type { Invitation };

export const fetchInvitation = (token: string) => http.read(`/api/invitations/${encodeURIComponent(token)}`, invitation);

/** Sets the password of the invited account and signs it in. */
export const acceptInvitation = (token: string, password: string) =>
  http.send(`/api/invitations/${encodeURIComponent(token)}/accept`, { password });
