import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { Plenum } from '../plenum.js';

/** Test helpers for the events domain: event factory, a really solved captcha, mails from the outbox. */

export function buildEvent(overrides: Record<string, unknown> = {}) {
  const start = new Date(Date.now() + 7 * 86_400_000);
  return {
    kind: 'webinar',
    title: 'Datenschutz im Alltag',
    description: 'Ein Webinar über Privacy by Design.',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
    timeZone: 'Europe/Berlin',
    language: 'de',
    ...overrides,
  };
}

let captchaClient = 0;

/** Fetches a challenge from the server and solves it the way the browser widget does. */
export async function solvedCaptcha(plenum: Plenum): Promise<string> {
  const challenge = (
    await plenum.app.inject({
      method: 'GET',
      url: '/api/public/captcha',
      remoteAddress: `10.1.${captchaClient % 250}.${++captchaClient % 250}`,
    })
  ).json<Challenge>();
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('captcha not solved');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

/** The mails to `address` as the local outbox shows them to an admin: with their links while the process holds them. */
export async function mailsTo(plenum: Plenum, address: string) {
  const rows = await plenum.store.db
    .selectFrom('mail_messages')
    .selectAll()
    .where('to_address', '=', address)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ ...row, body_text: plenum.mail.heldText(row.id) ?? row.body_text }));
}

/** The token after `#` or `/j/` in the last mail to `address` whose text contains `marker`. */
export async function linkToken(plenum: Plenum, address: string, pattern: RegExp): Promise<string> {
  const mails = await mailsTo(plenum, address);
  for (const mail of mails.reverse()) {
    const match = pattern.exec(mail.body_text);
    if (match?.[1]) return match[1];
  }
  throw new Error(`no mail to ${address} matches ${pattern}`);
}

export const confirmLink = /\/registration\/confirm#([\w-]+)/;
export const manageLink = /\/registration#([\w-]+)/;
export const joinLink = /\/j\/([\w-]+)/;
