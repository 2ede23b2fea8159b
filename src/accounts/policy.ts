import type { StaffRole } from '../store/schema.js';

/** Who is acting: a signed-in staff member, or an integration holding an API token. */
export type Actor =
  | { kind: 'staff'; accountId: string; role: StaffRole; sessionHash: string }
  | { kind: 'api_token'; tokenId: string; role: StaffRole; /** the admin who created the token */ createdBy: string };

export type Action =
  | 'staff.manage' // invite, disable and enable staff accounts
  | 'apiTokens.manage'
  | 'outbox.read'
  | 'account.self' // manage one's own password and two-factor login
  | 'events.manage' // create, edit and cancel events; approve and deny registrants (hosts: their own events)
  | 'registrations.read' // see events' registrant lists and export them (hosts: their own events)
  | 'rooms.manage' // create, join as host and end meetings (hosts: their own)
  | 'privacy.manage' // the DPO's request queue, legal holds, a data subject's export and erasure, the audit log
  | 'processors.manage' // the processor registry shown in the privacy notice
  | 'callbacks.manage' // the queue of callback requests
  | 'calls.read'; // see phone dial-in call records (hosts: calls into their own meetings)

const grants: Record<StaffRole, readonly Action[]> = {
  admin: ['processors.manage', 'callbacks.manage', 'staff.manage', 'apiTokens.manage', 'outbox.read', 'events.manage', 'registrations.read', 'rooms.manage', 'calls.read'],
  host: ['callbacks.manage', 'events.manage', 'registrations.read', 'rooms.manage', 'calls.read'],
  dpo: ['privacy.manage', 'processors.manage', 'registrations.read', 'calls.read'],
};

/** The one place that decides what a role may do. Pure, so it is tested without a server. */
export function can(actor: Actor, action: Action): boolean {
  if (action === 'account.self') return actor.kind === 'staff';
  return grants[actor.role].includes(action);
}

/** Who owns what an actor creates: a staff member's account, or the API token itself. */
export function ownerIdOf(actor: Actor): string {
  return actor.kind === 'staff' ? actor.accountId : actor.tokenId;
}

/**
 * `can`, for one event owned by `ownerId`: hosts act on their own events only; admins on all,
 * and the data protection officer may read every event's registrations.
 */
export function canOnEvent(actor: Actor, action: 'events.manage' | 'registrations.read', ownerId: string): boolean {
  if (!can(actor, action)) return false;
  return actor.role !== 'host' || ownerIdOf(actor) === ownerId;
}
