import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { openStore } from '../store/store.js';

const server = fileURLToPath(new URL('../testing/registration-server.ts', import.meta.url));
const ipOf = (i: number) => `10.9.${i >> 8}.${i & 255}`;

/**
 * SQLite commits registrations in groups (store/group-commit.ts): a submission is answered only
 * after the COMMIT of its group. Here the server is killed with SIGKILL the moment the 120th
 * acknowledgement arrives, with 20 submissions in flight; every acknowledged registration must
 * be in the file afterwards, with its confirmation mail and its audit entry.
 */
describe('registration durability on SQLite', () => {
  it('keeps every acknowledged registration when the server is killed (SIGKILL) right after acknowledging', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'plenum-durability-'));
    const child = spawn(process.execPath, ['--import', 'tsx', server, dataDir], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    const exited = once(child, 'exit');
    try {
      const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
      const { address, slug } = JSON.parse(line) as { address: string; slug: string };

      const total = 400;
      const killAfter = 50;
      const inFlight = 64;
      const submissions: { email: string; ip: string; body: string }[] = [];
      for (let i = 0; i < total; i++) {
        const challenge = (await (
          await fetch(`${address}/api/public/captcha`, { headers: { 'x-forwarded-for': ipOf(i) } })
        ).json()) as Challenge;
        const solution = await solveChallenge({ challenge, deriveKey });
        const email = `durable${i}@example.org`;
        const captcha = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
        submissions.push({ email, ip: ipOf(i), body: JSON.stringify({ firstName: 'Dora', lastName: `Durable ${i}`, email, captcha }) });
      }

      const acknowledged: string[] = [];
      let killed = false;
      let next = 0;
      const submitter = async () => {
        while (next < total) {
          const { email, ip, body } = submissions[next++]!;
          try {
            const response = await fetch(`${address}/api/public/events/${slug}/registrations`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
              body,
            });
            if (response.status !== 202) throw new Error(`${email}: ${response.status} ${await response.text()}`);
            acknowledged.push(email);
            if (acknowledged.length === killAfter) {
              killed = child.kill('SIGKILL');
            }
          } catch (error) {
            if (!killed) throw error;
          }
        }
      };
      await Promise.all(Array.from({ length: inFlight }, submitter));
      const [, signal] = (await exited) as [number | null, string | null];
      assert.equal(signal, 'SIGKILL');
      assert.ok(acknowledged.length >= killAfter && acknowledged.length < total, `${acknowledged.length} acknowledged`);

      const store = openStore({ kind: 'sqlite', file: path.join(dataDir, 'plenum.sqlite') });
      try {
        const registrations = await store.db.selectFrom('registrations').select(['id', 'email', 'state']).execute();
        const byEmail = new Map(registrations.map((r) => [r.email, r]));
        const missing = acknowledged.filter((email) => !byEmail.has(email));
        assert.deepEqual(missing, [], `${missing.length} of ${acknowledged.length} acknowledged registrations lost`);
        for (const email of acknowledged) assert.equal(byEmail.get(email)!.state, 'unconfirmed');

        const mails = await store.db
          .selectFrom('mail_messages')
          .select('to_address')
          .where('purpose', '=', 'registration-confirmation')
          .execute();
        const mailed = new Set(mails.map((m) => m.to_address));
        assert.deepEqual(
          acknowledged.filter((email) => !mailed.has(email)),
          [],
        );
        const audited = new Set(
          (await store.db.selectFrom('audit_entries').select('subject_id').where('action', '=', 'registration.submitted').execute()).map(
            (a) => a.subject_id,
          ),
        );
        assert.deepEqual(
          acknowledged.filter((email) => !audited.has(byEmail.get(email)!.id)),
          [],
        );
      } finally {
        await store.close();
      }
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
