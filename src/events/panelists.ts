import { randomUUID } from 'node:crypto';
import type { Actor } from '../accounts/policy.js';
import type { Language } from '../config.js';
import { AppError } from '../errors.js';
import type { MailService } from '../mail/service.js';
import { recordAudit } from '../privacy/audit.js';
import { hashToken, newToken } from '../shared/secrets.js';
import type { Store } from '../store/store.js';
import type { EventsService } from './events-service.js';
import { panelistInvitationMail } from './panelist-mails.js';
import { panelistsRepo, type PanelistRow } from './panelists-repo.js';
import { eventsRepo } from './repo.js';
import { mailEventOf } from './seats.js';

export interface PanelistDeps {
  events: Pick<EventsService, 'eventFor' | 'endJoinSessions'>;
  /** The inviting host's name for the mail. */
  inviterName(actor: Actor): Promise<string>;
}

const present = (row: Omit<PanelistRow, 'token_hash'>) => ({
  id: row.id,
  name: row.name,
  email: row.email,
  invitedAt: row.invited_at,
  revokedAt: row.revoked_at,
});

/**
 * Panelists the host invites to a webinar by name and email. Each gets a personal link
 * (`/j/<token>`, the token only in the mail; the store keeps its SHA-256) that enters the webinar
 * on the panel: the device check, then backstage with the host until the webinar starts.
 * Revoking keeps the row, so the link says it was withdrawn, and ends the panelist's session.
 */
export function createPanelists(store: Store, mail: MailService, publicUrl: URL, deps: PanelistDeps) {
  const { db } = store;
  const webinarOf = async (actor: Actor, eventId: string) => {
    const event = await deps.events.eventFor(actor, eventId, 'events.manage');
    if (event.kind !== 'webinar') throw new AppError('ERR_PANELISTS_WEBINAR_ONLY');
    return event;
  };

  return {
    async list(actor: Actor, eventId: string) {
      await deps.events.eventFor(actor, eventId, 'registrations.read');
      return (await panelistsRepo.list(db, eventId)).map(present);
    },

    async invite(actor: Actor, eventId: string, input: { name: string; email: string }) {
      const event = await webinarOf(actor, eventId);
      if (event.status === 'cancelled') throw new AppError('ERR_EVENT_CANCELLED');
      if (event.ends_at <= new Date().toISOString()) throw new AppError('ERR_EVENT_OVER');
      // One person, one link: a second invitation to the same address would be a second way in.
      if (await panelistsRepo.activeOfEmail(db, event.id, input.email)) throw new AppError('ERR_PANELIST_ALREADY_INVITED');
      const link = newToken();
      const row: PanelistRow = {
        id: randomUUID(),
        event_id: event.id,
        name: input.name,
        email: input.email,
        token_hash: link.hash,
        invited_at: new Date().toISOString(),
        revoked_at: null,
      };
      const message = panelistInvitationMail(
        event.language as Language,
        input.name,
        mailEventOf(event),
        await deps.inviterName(actor),
        new URL(`/j/${link.token}`, publicUrl).toString(),
      );
      await store.transaction(async (tx) => {
        await panelistsRepo.insert(tx, row);
        await mail.enqueue(tx, {
          to: input.email,
          subject: message.subject,
          text: message.text,
          purpose: 'panelist-invitation',
          secrets: [link.token],
        });
        await recordAudit(tx, actor, { action: 'event.panelist-invited', subject: { type: 'event', id: event.id } });
      });
      void mail.dispatch();
      return present(row);
    },

    /** The link stops working, and a panelist in the room through it is taken out. */
    async revoke(actor: Actor, eventId: string, invitationId: string) {
      const event = await deps.events.eventFor(actor, eventId, 'events.manage');
      const row = await panelistsRepo.find(db, event.id, invitationId);
      if (!row) throw new AppError('ERR_NOT_FOUND');
      await store.transaction(async (tx) => {
        await panelistsRepo.revoke(tx, row.id, new Date().toISOString());
        await recordAudit(tx, actor, { action: 'event.panelist-revoked', subject: { type: 'event', id: event.id } });
      });
      await deps.events.endJoinSessions(row.id, 'panelistWithdrawn');
    },

    /**
     * For the room's admission: who a panelist link belongs to (the invitation's id stands where a
     * registrant's would), or why it no longer admits anyone; undefined when it is no panelist link.
     */
    async resolve(token: string) {
      if (token.length > 100) return undefined;
      const row = await panelistsRepo.findByToken(db, hashToken(token));
      if (!row) return undefined;
      if (row.revoked_at) throw new AppError('ERR_PANELIST_LINK_REVOKED');
      const event = await eventsRepo.findEvent(db, row.event_id);
      if (!event || event.status !== 'scheduled') throw new AppError('ERR_EVENT_CANCELLED');
      if (event.ends_at <= new Date().toISOString()) throw new AppError('ERR_EVENT_OVER');
      return { eventId: event.id, registrationId: row.id, displayName: row.name, panelist: true as const };
    },
  };
}

export type Panelists = ReturnType<typeof createPanelists>;
