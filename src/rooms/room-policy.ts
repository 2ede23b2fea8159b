/**
 * Who may do what inside a live room, from the role the server holds for the sender's join
 * session (never from the message). Hosts may do everything; co-hosts moderate like the host
 * (lobby, lock, mute, remove, raised hands, panel) but only a host ends the meeting for all,
 * names co-hosts or hands the host role on, and nobody but a host acts on a host.
 */
export type RoomAction = 'moderate' | 'invite' | 'end' | 'assignRoles';

/** A join session or a participant as the room lists them: only the role counts. */
type Sender = { role: string };

export const isModerator = (session: Sender): boolean => session.role === 'host' || session.role === 'cohost';

export function canInRoom(session: Sender, action: RoomAction): boolean {
  switch (action) {
    case 'moderate':
    case 'invite':
      return isModerator(session);
    case 'end':
    case 'assignRoles':
      return session.role === 'host';
  }
}

/** Whether a moderator's action (mute) may touch `target`: nobody but a host acts on a host. */
export function canActOn(actor: Sender, target: Sender): boolean {
  return isModerator(actor) && (target.role !== 'host' || actor.role === 'host');
}

/** Whether `actor` may remove `target` from the room: moderators remove participants, only hosts remove co-hosts, nobody a host. */
export function canRemove(actor: Sender, target: Sender): boolean {
  if (target.role === 'host') return false;
  if (target.role === 'cohost') return actor.role === 'host';
  return isModerator(actor);
}

/** Whether `target`'s role may be changed by naming a role: the host role passes only by the host handing it on. */
export const canChangeRoleOf = (actor: Sender, target: Sender): boolean => canInRoom(actor, 'assignRoles') && target.role !== 'host';
