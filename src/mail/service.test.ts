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
      await mail.enqueue(store.db, { to: 'erika@example.org', subject: 'Willkommen', text: 'Hallo Erika,\nhier ist Ihr Link.', purpose: 'test' });
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
      assert.equal((await store.db.selectFrom('mail_messages').select('attempts').where('id', '=', row.id).executeTakeFirstOrThrow()).attempts, 1, 'not retried before it is due');

      smtp.refuse(false);
      await store.db.updateTable('mail_messages').set({ next_attempt_at: new Date(0).toISOString() }).where('id', '=', row.id).execute();
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
