import { hashToken, newToken } from '../shared/secrets.js';
import type { Language } from '../config.js';
import { AppError } from '../errors.js';
import { createFailureGate, memoryFailureCounts, type CaptchaCheck } from '../http/failure-gate.js';
import type { Mailer } from '../shared/mailer.js';
import type { Store } from '../store/store.js';
import { privacyRepo } from './repo.js';
import type { SubjectService } from './subject-service.js';

/**
 * Access to the privacy portal: a person proves they hold a mailbox by a magic link (30 minutes,
 * single use, 32 bytes from the CSPRNG, stored as SHA-256), which opens a portal session of the
 * same length. Asking for a link answers the same whether or not the address is known: the
 * lookup and the mail happen after the answer, and only a known address gets a mail.
 */

const linkMs = 30 * 60_000;
const sessionMs = 30 * 60_000;
/**
 * Requests for one address, from anyone, that come without a captcha within an hour. Beyond them
 * each request needs a solved captcha: flooding someone's inbox costs work, and nobody can lock
 * the owner out of their own link by asking first. Counted per request, known address or not,
 * so the answer never tells whether an address is known.
 */
const freeLinkRequests = { threshold: 3, windowMs: 3_600_000 };

const texts = {
  en: {
    subject: 'Your access to your data',
    body: (link: string) =>
      `Someone (hopefully you) asked to see the data stored about this email address.\n\nOpen this link within 30 minutes; it works once:\n${link}\n\nIf you did not ask, ignore this mail; nothing happens.`,
  },
  de: {
    subject: 'Ihr Zugang zu Ihren Daten',
    body: (link: string) =>
      `Jemand (hoffentlich Sie) hat angefragt, welche Daten zu dieser E-Mail-Adresse gespeichert sind.\n\nÖffnen Sie diesen Link innerhalb von 30 Minuten; er funktioniert einmal:\n${link}\n\nWenn Sie nicht gefragt haben, ignorieren Sie diese E-Mail; es geschieht nichts.`,
  },
};

export function createPortalService(store: Store, mail: Mailer, subjects: SubjectService, publicUrl: URL, captcha: CaptchaCheck) {
  const linkRequests = createFailureGate(captcha, store.db, memoryFailureCounts('privacy-link', freeLinkRequests));
  return {
    /** Admits a request for a link (throws ERR_CAPTCHA_REQUIRED / ERR_CAPTCHA_INVALID when one is due) and counts it. */
    async admitLinkRequest(email: string, captchaPayload: string | undefined): Promise<void> {
      await linkRequests.admit(email, captchaPayload);
      // Every request counts here, not only failures: the gate guards the inbox, not a secret.
      await linkRequests.failed(email);
    },

    /** Sends a link if the address is known. Callers need not wait for it. */
    async sendLink(email: string, language: Language): Promise<void> {
      const now = new Date();
      const sent = await store.transaction(async (tx) => {
        if ((await subjects.collect(email, tx)).length === 0) return false;
        const { token, hash } = newToken();
        await privacyRepo.insertAccessToken(tx, {
          token_hash: hash,
          kind: 'link',
          email,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + linkMs).toISOString(),
          used_at: null,
        });
        const link = new URL(`/privacy/access#${token}`, publicUrl).toString();
        await mail.enqueue(tx, {
          to: email,
          subject: texts[language].subject,
          text: texts[language].body(link),
          purpose: 'privacy-access-link',
          secrets: [token],
        });
        return true;
      });
      if (sent) void mail.dispatch();
    },

    /** Spends a link and opens a portal session; the session token goes into a cookie. */
    async openSession(linkToken: string): Promise<{ token: string; maxAgeSeconds: number }> {
      const now = new Date();
      return store.transaction(async (tx) => {
        const email = await privacyRepo.spendLink(tx, hashToken(linkToken), now.toISOString());
        if (!email) throw new AppError('ERR_PRIVACY_LINK_INVALID');
        const { token, hash } = newToken();
        await privacyRepo.insertAccessToken(tx, {
          token_hash: hash,
          kind: 'session',
          email,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + sessionMs).toISOString(),
          used_at: null,
        });
        return { token, maxAgeSeconds: sessionMs / 1000 };
      });
    },

    /** The email a portal session was opened for. */
    async emailOf(sessionToken: string | undefined): Promise<string> {
      const row = sessionToken ? await privacyRepo.findSession(store.db, hashToken(sessionToken), new Date().toISOString()) : undefined;
      if (!row) throw new AppError('ERR_PRIVACY_SESSION_EXPIRED');
      return row.email;
    },

    /** Ends a portal session on the server: the cookie alone no longer opens anything. */
    async closeSession(sessionToken: string | undefined): Promise<void> {
      if (sessionToken) await privacyRepo.deleteAccessToken(store.db, hashToken(sessionToken));
    },
  };
}

export type PortalService = ReturnType<typeof createPortalService>;
