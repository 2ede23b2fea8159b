import { AppError } from '../errors.js';
import type { Actor } from '../shared/actor.js';
import { ownerOf } from '../shared/actor.js';
import type { StaffRole } from '../store/schema.js';

export { liveHostOf, ownerOf, type Actor } from '../shared/actor.js';

export type Action =
  | 'staff.manage' // invite, disable and enable staff accounts
  | 'apiTokens.manage'
  | 'outbox.read'
  | 'account.self' // manage one's own password and two-factor login
  | 'events.manage' // create, edit and cancel events; approve and deny registrants (hosts: their own events)
  | 'registrations.read' // see events' registrant lists and export them (hosts: their own events)
  | 'rooms.manage' // create, join as host and end meetings; their attendance, minutes, questions, recordings, dial-in (hosts: their own)
  | 'privacy.manage' // the DPO's request queue, legal holds, a data subject's export and erasure, the audit log
  | 'processors.manage' // the processor registry shown in the privacy notice
  | 'settings.manage' // the organisation's settings: controller identity and contacts, branding, defaults
  | 'callbacks.manage' // the queue of callback requests
  | 'calls.read'; // see phone dial-in call records (hosts: calls into their own meetings)

/** Something that belongs to one principal: an event, a meeting room (and what hangs off it: recordings, calls). */
export interface Owned {
  ownerId: string;
}

const grants: Record<StaffRole, readonly Action[]> = {
  admin: [
    'settings.manage',
    'processors.manage',
    'callbacks.manage',
    'staff.manage',
    'apiTokens.manage',
    'outbox.read',
    'events.manage',
    'registrations.read',
    'rooms.manage',
    'calls.read',
  ],
  host: ['callbacks.manage', 'events.manage', 'registrations.read', 'rooms.manage', 'calls.read'],
  dpo: ['privacy.manage', 'processors.manage', 'registrations.read', 'calls.read'],
};

/** The actions a role may take on resources it does not own; every other granted action reaches the actor's own resources only. */
const onEveryOwner: Record<StaffRole, readonly Action[]> = {
  admin: grants.admin,
  host: [],
  dpo: ['registrations.read', 'calls.read'],
};

/**
 * The one place that decides what an actor may do. Without a resource: whether the role may
 * take the action at all (routes check this first). With a resource: whether it may take it on
 * that one. Pure, so it is tested without a server.
 */
export function can(actor: Actor, action: Action, resource?: Owned): boolean {
  if (action === 'account.self') return actor.kind === 'staff';
  if (!grants[actor.role].includes(action)) return false;
  return !resource || onEveryOwner[actor.role].includes(action) || resource.ownerId === ownerOf(actor);
}

/**
 * A stored resource (a row with its `owner_id`) when the actor may take `action` on it; otherwise
 * ERR_NOT_FOUND, the same answer as for one that does not exist, so others' resources cannot be
 * probed. What services call before they act on an event, a room or a recording.
 */
export function permitted<T extends { owner_id: string }>(actor: Actor, action: Action, row: T | undefined): T {
  if (!row || !can(actor, action, { ownerId: row.owner_id })) throw new AppError('ERR_NOT_FOUND');
  return row;
}

/** For lists: undefined when the actor may take `action` on every owner's resources, else the one owner whose resources to list. */
export function ownerScope(actor: Actor, action: Action): string | undefined {
  return onEveryOwner[actor.role].includes(action) ? undefined : ownerOf(actor);
}
