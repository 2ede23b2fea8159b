import { staffInvited, staffList, type StaffMember } from '@shared/api/accounts.js';
import { http } from '../../api/client';
import type { StaffRole } from '../../api/types';
import type { Language } from '../../i18n';

/** Staff accounts as the API answers (src/shared/api/accounts.ts). */
export type { StaffMember };

export interface InvitationInput {
  email: string;
  displayName: string;
  role: StaffRole;
  language: Language;
}

export const fetchStaff = () => http.read('/api/staff', staffList);

/** Creates the account as invited and mails the invitation link in the chosen language. */
export const inviteStaff = (input: InvitationInput) => http.submit('/api/staff/invitations', input, staffInvited);

export const setStaffEnabled = (id: string, enabled: boolean) =>
  http.send(`/api/staff/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`);
