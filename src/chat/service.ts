import { randomUUID } from 'node:crypto';
import type { Actor } from '../accounts/policy.js';
import type { Language } from '../config.js';
import { recordAudit, type AuditActor } from '../privacy/audit.js';
import type { JoinSession } from '../rooms/join-sessions.js';
import type { Store } from '../store/store.js';
import { markdownName, markdownText } from './markdown.js';
import { chatRepo } from './repo.js';

/** The rooms service's ownership check: the room when the actor hosts it (or is an admin), ERR_NOT_FOUND otherwise. */
export type OwnedRoomLookup = (actor: Actor, roomId: string) => Promise<{ id: string; title: string }>;

export interface MinutesMessage {
  at: string;
  author: Pick<JoinSession, 'displayName' | 'registrationId'>;
  text: string;
  private: boolean;
  /** A host's private reply: whom it went to. */
  recipientName: string | null;
}

const labels = {
  en: {
    title: 'Minutes',
    exported: 'Exported',
    on: 'Minutes logging switched on by',
    off: 'Minutes logging switched off by',
    ended: 'Minutes logging ended with the meeting',
    toHosts: 'privately to the hosts',
    to: 'privately to',
    none: 'Nothing was logged.',
  },
  de: {
    title: 'Protokoll',
    exported: 'Exportiert',
    on: 'Protokollierung eingeschaltet von',
    off: 'Protokollierung ausgeschaltet von',
    ended: 'Protokollierung mit dem Ende des Meetings beendet',
    toHosts: 'privat an die Veranstalter',
    to: 'privat an',
    none: 'Es wurde nichts protokolliert.',
  },
} as const;

const utc = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;

/** The stored side of the chat: minutes entries while logging is on, and their export. */
export function createChatService(store: Store, ownedRoom: OwnedRoomLookup) {
  const { db } = store;

  return {
    /** Logging on or off, with who switched it (null: Plenum, because the room ended), audited in the same transaction. */
    async recordSwitch(roomId: string, on: boolean, by: JoinSession | null): Promise<string> {
      const at = new Date().toISOString();
      const actor: AuditActor = by?.accountId ? { kind: 'staff', accountId: by.accountId } : { kind: 'system' };
      await store.transaction(async (tx) => {
        await chatRepo.insertMinutesEntry(tx, {
          id: randomUUID(),
          room_id: roomId,
          at,
          kind: on ? 'logging_on' : 'logging_off',
          author_name: by?.displayName ?? null,
          author_registration_id: by?.registrationId ?? null,
          recipient_name: null,
          private: 0,
          text: null,
        });
        await recordAudit(tx, actor, { action: on ? 'chat.minutes.on' : 'chat.minutes.off', subject: { type: 'room', id: roomId } });
      });
      return at;
    },

    async recordMessage(roomId: string, message: MinutesMessage): Promise<void> {
      await chatRepo.insertMinutesEntry(db, {
        id: randomUUID(),
        room_id: roomId,
        at: message.at,
        kind: 'message',
        author_name: message.author.displayName,
        author_registration_id: message.author.registrationId,
        recipient_name: message.recipientName,
        private: message.private ? 1 : 0,
        text: message.text,
      });
    },

    /** The minutes as a Markdown document, for the room's host; the export is audited. */
    async exportMinutes(actor: Actor, roomId: string, language: Language): Promise<{ filename: string; body: string }> {
      const room = await ownedRoom(actor, roomId);
      const l = labels[language];
      const entries = await store.transaction(async (tx) => {
        const rows = await chatRepo.listMinutes(tx, room.id);
        await recordAudit(tx, actor, {
          action: 'chat.minutes.exported',
          subject: { type: 'room', id: room.id },
          detail: { entries: rows.length },
        });
        return rows;
      });
      // Names, titles and messages are escaped: what people wrote cannot add or restyle an entry.
      const lines = entries.map((e) => {
        if (e.kind === 'logging_on') return `- ${utc(e.at)} — _${l.on} ${markdownName(e.author_name ?? 'Plenum')}_`;
        if (e.kind === 'logging_off') return `- ${utc(e.at)} — _${e.author_name ? `${l.off} ${markdownName(e.author_name)}` : l.ended}_`;
        const privacy = e.private ? ` (${e.recipient_name ? `${l.to} ${markdownName(e.recipient_name)}` : l.toHosts})` : '';
        return `- ${utc(e.at)} — **${markdownName(e.author_name ?? '')}**${privacy}: ${markdownText(e.text ?? '')}`;
      });
      const body = [
        `# ${l.title}: ${markdownName(room.title)}`,
        '',
        `${l.exported}: ${utc(new Date().toISOString())}`,
        '',
        ...(lines.length ? lines : [l.none]),
        '',
      ].join('\n');
      return { filename: `minutes-${room.id}.md`, body };
    },
  };
}

export type ChatService = ReturnType<typeof createChatService>;
