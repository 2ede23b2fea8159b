import { privacyRepo } from './repo.js';
import type { SubjectDataSource } from '../shared/subject-data.js';

/**
 * What the privacy center itself keeps about a data subject: the magic links and portal sessions
 * of their address, and the requests they sent by email. Requests are kept after an erasure (the
 * controller must be able to prove it answered them); links and sessions go, the portal session
 * the erasure was asked from included (its answer is the last thing it shows).
 */

const tokens = 'privacy.access-tokens';
const requests = 'privacy.requests';
const requestsKeptFor = 1095;

export function createPrivacySubjectData(): SubjectDataSource {
  return {
    domain: 'privacy',

    async collect(subject, db) {
      const links = (await privacyRepo.accessTokensOf(db, subject.email)).map((t) => ({
        category: tokens,
        id: t.token_hash.slice(0, 12),
        data: { kind: t.kind, createdAt: t.created_at, expiresAt: t.expires_at, usedAt: t.used_at },
      }));
      const received = (await privacyRepo.requestsOf(db, subject.email)).map((r) => ({
        category: requests,
        id: r.id,
        data: { type: r.type, name: r.name, receivedAt: r.received_at, dueAt: r.due_at, status: r.status, closedAt: r.closed_at },
      }));
      return [...links, ...received];
    },

    async erase(subject, keep, db) {
      const erased = await privacyRepo.deleteAccessTokensOf(db, subject.email);
      const kept = (await privacyRepo.requestsOf(db, subject.email)).map((r) => ({
        category: requests,
        id: r.id,
        reason: keep({ category: requests, id: r.id })
          ? undefined
          : {
              en: 'proof that your request was answered (Art. 5(2) GDPR)',
              de: 'Nachweis, dass Ihre Anfrage beantwortet wurde (Art. 5 Abs. 2 DSGVO)',
            },
        until: r.closed_at ? new Date(new Date(r.closed_at).getTime() + requestsKeptFor * 86_400_000).toISOString().slice(0, 10) : null,
      }));
      return { erased, kept };
    },
  };
}
