import { api } from '../../api/client';
import type { StaffRole } from '../../api/types';

export interface Invitation {
  email: string;
  displayName: string;
  role: StaffRole;
}

export const fetchInvitation = (token: string) => api.get<Invitation>(`/api/invitations/${encodeURIComponent(token)}`);

/** Sets the password of the invited account and signs it in. */
export const acceptInvitation = (token: string, password: string) =>
  api.post(`/api/invitations/${encodeURIComponent(token)}/accept`, { password });
