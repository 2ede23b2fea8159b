import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Executor, Store } from '../store/store.js';
import { mailRepo } from './repo.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Why this mail is sent (e.g. `staff-invitation`); kept for the privacy inventory and the outbox page. */
  purpose: string;
}

const maxAttempts = 10;
const pollMs = 5_000;

/** Wait before the next attempt: 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** (attempts - 1), 3_600_000);
}

/**
 * Mail is written to the store in the same transaction as the change that causes it, then
 * delivered by a dispatcher with retries, so a failing mail server never loses the change.
 * Without SMTP_URL the store is the destination: messages count as delivered to the local
 * outbox, which admins read on the outbox page.
 */
export function createMailService(config: Config['mail'], store: Store, log: Logger) {
  const transport: Transporter | undefined =
    config.kind === 'smtp' ? nodemailer.createTransport(config.url, { from: config.from }) : undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function deliver(message: { to_address: string; subject: string; body_text: string }) {
    if (!transport) return;
    await transport.sendMail({
      from: config.from,
      to: message.to_address,
      subject: message.subject,
      text: message.body_text,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  }

  async function dispatchDue(): Promise<void> {
    const now = new Date();
    for (const message of await mailRepo.due(store.db, now.toISOString(), 50)) {
      try {
        await deliver(message);
        await mailRepo.markSent(store.db, message.id, new Date().toISOString());
      } catch (error) {
        const attempts = message.attempts + 1;
        const failed = attempts >= maxAttempts;
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

  /** Runs one dispatch at a time; a call during a run waits for it. */
  function dispatch(): Promise<void> {
    running ??= dispatchDue()
      .catch((error: unknown) => log.error({ err: error }, 'mail dispatcher failed'))
      .finally(() => (running = undefined));
    return running;
  }

  return {
    mode: config.kind,

    async enqueue(db: Executor, mail: OutgoingMail): Promise<void> {
      const now = new Date().toISOString();
      await mailRepo.insert(db, {
        id: randomUUID(),
        to_address: mail.to,
        subject: mail.subject,
        body_text: mail.text,
        purpose: mail.purpose,
        status: 'queued',
        attempts: 0,
        next_attempt_at: now,
        last_error: null,
        created_at: now,
        sent_at: null,
      });
    },

    /** Deliver what is due now (called after a commit that queued mail, and by the timer). */
    dispatch,

    start() {
      timer = setInterval(() => void dispatch(), pollMs);
      timer.unref();
      void dispatch();
    },

    async stop() {
      clearInterval(timer);
      await running;
      transport?.close();
    },

    listOutbox: (limit = 200) => mailRepo.list(store.db, limit),
  };
}

export type MailService = ReturnType<typeof createMailService>;
