import type { StaffRole } from '../store/schema.js';

/** Who is acting: a signed-in staff member, or an integration holding an API token. */
export type Actor =
  | { kind: 'staff'; accountId: string; role: StaffRole; sessionHash: string }
  | { kind: 'api_token'; tokenId: string; role: StaffRole; /** the admin who created the token */ createdBy: string };

/**
 * The principal an actor's creations belong to and its ownership is compared with: a staff
 * member's account, or the API token itself. A token never acts as the admin who created it,
 * so a host-role token reaches what it created and nothing of its creator's (docs/architecture.md).
 */
export function ownerOf(actor: { kind: 'staff'; accountId: string } | { kind: 'api_token'; tokenId: string }): string {
  return actor.kind === 'staff' ? actor.accountId : actor.tokenId;
}

/**
 * The staff member who hosts a room live for the actor: the staff member themselves, for an API
 * token the admin who created it (a token cannot join a room). Not an owner: ownership is ownerOf's.
 */
export function liveHostOf(actor: Actor): string {
  return actor.kind === 'staff' ? actor.accountId : actor.createdBy;
}
