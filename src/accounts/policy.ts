import type { StaffRole } from '../store/schema.js';

/** Who is acting: a signed-in staff member, or an integration holding an API token. */
export type Actor =
  | { kind: 'staff'; accountId: string; role: StaffRole; sessionHash: string }
  | { kind: 'api_token'; tokenId: string; role: StaffRole };

export type Action =
  | 'staff.manage' // invite, disable and enable staff accounts
  | 'apiTokens.manage'
  | 'outbox.read'
  | 'account.self'; // manage one's own password and two-factor login

const grants: Record<StaffRole, readonly Action[]> = {
  admin: ['staff.manage', 'apiTokens.manage', 'outbox.read'],
  host: [],
  dpo: [],
};

/** The one place that decides what a role may do. Pure, so it is tested without a server. */
export function can(actor: Actor, action: Action): boolean {
  if (action === 'account.self') return actor.kind === 'staff';
  return grants[actor.role].includes(action);
}
