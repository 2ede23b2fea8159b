import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Executor, Statement, Store } from '../store/store.js';
import type { OutgoingMail } from '../shared/mailer.js';
import { mailRepo } from './repo.js';

/** What the stored copy of a mail shows where a link's secret was. */
export const notStored = '[removed]';
/** Whole texts held in memory (undelivered over SMTP; the local outbox's recent mails), oldest dropped first. */
const heldLimit = 2000;

const maxAttempts = 10;
const pollMs = 5_000;
/**
 * Cluster mode: a claimed message is this instance's for so long (longer than a batch of slow SMTP
 * answers can take, so nobody else takes it while it is being sent); if the instance dies
 * meanwhile, another sends it after that.
 */
const claimLeaseMs = 15 * 60_000;
/** Cluster mode: messages claimed at once; a small batch keeps the time to send it well inside the lease. */
const claimBatch = 20;
/** Cluster mode: a message whose links another instance held and did not deliver within this time is failed by whoever claims it. */
const orphanedAfterMs = 60 * 60_000;

export interface MailServiceOptions {
  /** Cluster mode on PostgreSQL: several instances dispatch the same queue, each message claimed by one. */
  cluster?: { instanceId: string };
}

/** Wait before the next attempt: 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** (attempts - 1), 3_600_000);
}

/**
 * Mail is written to the store in the same transaction as the change that causes it, then
 * delivered by a dispatcher with retries, so a failing mail server never loses the change.
 * Without SMTP_URL the store is the destination: messages count as delivered to the local
 * outbox, which admins read on the outbox page.
 *
 * No bearer secret is ever stored: the stored copy of a mail has its links' secrets removed
 * (`OutgoingMail.secrets`), the whole text is held in memory until it is delivered (SMTP), or,
 * for the local outbox of a test install, until the process ends, shown to admins only.
 */
export function createMailService(config: Config['mail'], store: Store, log: Logger, options: MailServiceOptions = {}) {
  const cluster = store.dialect === 'postgres' ? options.cluster : undefined;
  const transport: Transporter | undefined =
    config.kind === 'smtp' ? nodemailer.createTransport(config.url, { from: config.from }) : undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  /** Mail id → the text with its links, for mails whose stored copy has them removed. */
  const held = new Map<string, string>();

  function hold(id: string, text: string) {
    held.set(id, text);
    if (held.size > heldLimit) held.delete(held.keys().next().value!);
  }

  async function deliver(transport: Transporter, message: { id: string; to_address: string; subject: string; body_text: string }) {
    const text = held.get(message.id) ?? message.body_text;
    // Held only in memory: after a restart the link is gone, and a mail without it would mislead.
    if (text.includes(notStored)) throw new LinkLostError();
    await transport.sendMail({
      from: config.from,
      to: message.to_address,
      subject: message.subject,
      text,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    held.delete(message.id);
  }

  async function dispatchDue(): Promise<void> {
    const now = new Date();
    if (!transport) {
      // The local outbox is the destination: what is due is delivered by marking it, in one
      // statement, as a transaction that shares its COMMIT with others (SQLite: group commit;
      // PostgreSQL: one round trip).
      await store.commitPlanned(async (db) => [mailRepo.markDueSentStatement(db, now.toISOString())]);
      return;
    }
    const due = cluster
      ? await mailRepo.claimDue(store.db, {
          now: now.toISOString(),
          leaseUntil: new Date(now.getTime() + claimLeaseMs).toISOString(),
          instanceId: cluster.instanceId,
          orphanedBefore: new Date(now.getTime() - orphanedAfterMs).toISOString(),
          limit: claimBatch,
        })
      : await mailRepo.due(store.db, now.toISOString(), 50);
    for (const message of due) {
      try {
        await deliver(transport, message);
        await mailRepo.markSent(store.db, message.id, new Date().toISOString());
      } catch (error) {
        const attempts = message.attempts + 1;
        const failed = attempts >= maxAttempts || error instanceof LinkLostError;
        if (failed) held.delete(message.id);
        log.warn({ mailId: message.id, attempts, failed, reason: (error as Error).message }, 'mail delivery failed');
        await mailRepo.markAttemptFailed(store.db, message.id, {
          attempts,
          status: failed ? 'failed' : 'queued',
          next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
          last_error: (error as Error).message.slice(0, 500),
        });
      }
    }
  }

  function planEnqueue(db: Executor, mail: OutgoingMail): { statement: Statement; forget(): void } {
    const now = new Date().toISOString();
    const id = randomUUID();
    const secrets = (mail.secrets ?? []).filter((s) => s.length > 0);
    const stored = secrets.reduce((text, secret) => text.replaceAll(secret, notStored), mail.text);
    if (stored !== mail.text) hold(id, mail.text);
    const statement = mailRepo.insertStatement(db, {
      id,
      to_address: mail.to,
      subject: mail.subject,
      body_text: stored,
      purpose: mail.purpose,
      status: 'queued',
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
      created_at: now,
      sent_at: null,
      // Only this instance can deliver a mail whose links it holds in memory.
      held_by: cluster && stored !== mail.text ? cluster.instanceId : null,
    });
    return { statement, forget: () => held.delete(id) };
  }

  /** Whether a dispatch was asked for during a run (its mail may have been queued after the run looked). */
  let again = false;

  /**
   * Runs one dispatch at a time. A call during a run waits for it and for one more pass: the run
   * may have looked for due mail before the caller's was committed, and that mail's link is held
   * in memory only until it is sent.
   */
  function dispatch(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await dispatchDue().catch((error: unknown) => log.error({ err: error }, 'mail dispatcher failed'));
      } while (again);
    })().finally(() => (running = undefined));
    return running;
  }

  return {
    mode: config.kind,

    async enqueue(db: Executor, mail: OutgoingMail): Promise<void> {
      await db.executeQuery(planEnqueue(db, mail).statement);
    },

    /**
     * `enqueue` as a statement to commit with others (store.commitPlanned). The text is held from
     * now on, since the dispatcher may see the row the moment it is committed; `forget` drops it
     * when the statements did not commit.
     */
    planEnqueue,

    /** Deliver what is due now (called after a commit that queued mail, and by the timer). */
    dispatch,

    start() {
      timer = setInterval(() => void dispatch(), pollMs);
      timer.unref();
      void dispatch();
    },

    /** After the HTTP server closed: delivers what is due (links held in memory would be lost), then stops. */
    async stop() {
      clearInterval(timer);
      await dispatch();
      transport?.close();
    },

    listOutbox: (limit = 200) => mailRepo.list(store.db, limit),

    /** The text with its links while this process still holds it (local outbox: until restart); else undefined. */
    heldText: (id: string): string | undefined => held.get(id),
  };
}

class LinkLostError extends Error {
  constructor() {
    super('the mail’s link was held in memory only and was lost when Plenum restarted; the person has to ask for a new one');
  }
}

export type MailService = ReturnType<typeof createMailService>;
