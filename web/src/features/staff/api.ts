import { api } from '../../api/client';
import type { StaffRole } from '../../api/types';
import type { Language } from '../../i18n';

export type StaffStatus = 'invited' | 'active' | 'disabled';

export interface StaffMember {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  status: StaffStatus;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface InvitationInput {
  email: string;
  displayName: string;
  role: StaffRole;
  language: Language;
}

export const fetchStaff = () => api.get<{ staff: StaffMember[] }>('/api/staff');

/** Creates the account as invited and mails the invitation link in the chosen language. */
export const inviteStaff = (input: InvitationInput) => api.post<{ id: string }>('/api/staff/invitations', input);

export const setStaffEnabled = (id: string, enabled: boolean) =>
  api.post(`/api/staff/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`);
