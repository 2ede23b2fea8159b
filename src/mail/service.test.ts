import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { startSmtpPeer } from '../testing/smtp.js';
import { dialects, openTestStore } from '../testing/stores.js';
import type { Store } from '../store/store.js';
import { createMailService, retryDelayMs } from './service.js';

const silent = pino({ level: 'silent' });

for (const dialect of dialects) {
  describe(`mail over SMTP on ${dialect}`, () => {
    let store: Store & { dispose(): Promise<void> };
    let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
    before(async () => {
      store = await openTestStore(dialect);
      smtp = await startSmtpPeer();
    });
    after(async () => {
      await smtp.close();
      await store.dispose();
    });

    it('delivers queued mail as plain text to the SMTP peer', async () => {
      const mail = createMailService({ kind: 'smtp', url: smtp.url, from: 'Plenum <plenum@example.org>' }, store, silent);
      await mail.enqueue(store.db, {
        to: 'erika@example.org',
        subject: 'Willkommen',
        text: 'Hallo Erika,\nhier ist Ihr Link.',
        purpose: 'test',
      });
      await mail.dispatch();
      await mail.stop();
      assert.equal(smtp.received.length, 1);
      assert.deepEqual(smtp.received[0]!.to, ['erika@example.org']);
      assert.match(smtp.received[0]!.raw, /Subject: Willkommen/);
      assert.match(smtp.received[0]!.raw, /Content-Type: text\/plain/);
      assert.doesNotMatch(smtp.received[0]!.raw, /text\/html|<img/i);
      const row = await store.db.selectFrom('mail_messages').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.status, 'sent');
    });

    it('delivers a mail’s link but never stores it; after a restart the lost link fails the mail instead of sending it without', async () => {
      const mail = createMailService({ kind: 'smtp', url: smtp.url, from: 'plenum@example.org' }, store, silent);
      const secret = 'pQ3xLinkSecret0123456789abcdefghijklmnopqrs';
      await mail.enqueue(store.db, {
        to: 'link@example.org',
        subject: 'Your link',
        text: `Open https://meet.example.org/j/${secret}`,
        purpose: 'test',
        secrets: [secret],
      });
      const queued = await store.db
        .selectFrom('mail_messages')
        .selectAll()
        .where('to_address', '=', 'link@example.org')
        .executeTakeFirstOrThrow();
      assert.equal(queued.body_text, 'Open https://meet.example.org/j/[removed]');
      await mail.dispatch();
      assert.ok(
        smtp.received.some((m) => m.to.includes('link@example.org') && m.raw.includes(secret)),
        'the person gets the link',
      );
      assert.equal(mail.heldText(queued.id), undefined, 'and the process forgets it once delivered');

      smtp.refuse(true);
      await mail.enqueue(store.db, {
        to: 'restart@example.org',
        subject: 'Lost',
        text: `Open https://meet.example.org/j/${secret}x`,
        purpose: 'test',
        secrets: [`${secret}x`],
      });
      await mail.dispatch();
      await mail.stop();
      smtp.refuse(false);
      const restarted = createMailService({ kind: 'smtp', url: smtp.url, from: 'plenum@example.org' }, store, silent);
      await store.db
        .updateTable('mail_messages')
        .set({ next_attempt_at: new Date(0).toISOString() })
        .where('to_address', '=', 'restart@example.org')
        .execute();
      await restarted.dispatch();
      await restarted.stop();
      const lost = await store.db
        .selectFrom('mail_messages')
        .selectAll()
        .where('to_address', '=', 'restart@example.org')
        .executeTakeFirstOrThrow();
      assert.equal(lost.status, 'failed');
      assert.match(lost.last_error ?? '', /lost when Plenum restarted/);
      assert.ok(!smtp.received.some((m) => m.to.includes('restart@example.org')), 'no mail with a dead link');
    });

    it('keeps a refused mail queued with a later retry, and delivers it when the peer accepts again', async () => {
      const mail = createMailService({ kind: 'smtp', url: smtp.url, from: 'plenum@example.org' }, store, silent);
      smtp.refuse(true);
      await mail.enqueue(store.db, { to: 'max@example.org', subject: 'Retry me', text: 'x', purpose: 'test' });
      const before = Date.now();
      await mail.dispatch();
      let row = await store.db.selectFrom('mail_messages').selectAll().where('subject', '=', 'Retry me').executeTakeFirstOrThrow();
      assert.equal(row.status, 'queued');
      assert.equal(row.attempts, 1);
      assert.match(row.last_error ?? '', /mailbox unavailable/);
      assert.ok(Date.parse(row.next_attempt_at) >= before + retryDelayMs(1) - 1000);

      await mail.dispatch();
      assert.equal(
        (await store.db.selectFrom('mail_messages').select('attempts').where('id', '=', row.id).executeTakeFirstOrThrow()).attempts,
        1,
        'not retried before it is due',
      );

      smtp.refuse(false);
      await store.db
        .updateTable('mail_messages')
        .set({ next_attempt_at: new Date(0).toISOString() })
        .where('id', '=', row.id)
        .execute();
      await mail.dispatch();
      await mail.stop();
      row = await store.db.selectFrom('mail_messages').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'sent');
      assert.ok(smtp.received.some((m) => m.to.includes('max@example.org')));
    });
  });
}

describe('mail retry schedule', () => {
  it('backs off exponentially from 30 s and caps at one hour', () => {
    assert.deepEqual([1, 2, 3, 4].map(retryDelayMs), [30_000, 60_000, 120_000, 240_000]);
    assert.equal(retryDelayMs(20), 3_600_000);
  });
});
