import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildEvent, solvedCaptcha } from '../events/testing.js';
import { dialects } from '../testing/stores.js';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { injectFromFreshClients } from '../testing/inject.js';
import { until } from '../testing/until.js';

/**
 * No link that grants anything is readable from the database: invitation, confirmation, join,
 * calendar, self-service and portal links reach the person (and, on a test install without SMTP,
 * the admin's outbox page), while every table, the DPO's subject view and its export hold none.
 */

for (const dialect of dialects) {
  describe(`bearer links at rest on ${dialect}`, () => {
    let plenum: TestPlenum;
    let admin: string;
    const inject = injectFromFreshClients(() => plenum.app);

    before(async () => {
      plenum = await startTestPlenum(dialect);
      admin = await setUpAdmin(plenum);
    });
    after(() => plenum.dispose());

    /** The admin reads the outbox page's data and follows the link, as on a test install. */
    function linkInOutbox(to: string, pattern: RegExp): Promise<string> {
      const token = async () => {
        const outbox = (await inject('GET', '/api/outbox', undefined, { cookie: admin })).json<{
          messages: { to: string; text: string; linksHeld: boolean }[];
        }>();
        return outbox.messages
          .filter((m) => m.to === to && m.linksHeld)
          .map((m) => pattern.exec(m.text)?.[1])
          .find(Boolean);
      };
      return until(token, { what: `${pattern} to ${to} in the outbox` });
    }

    /** Every text of every row of every table, as one string. */
    async function everythingStored(): Promise<string> {
      const tables = (await plenum.store.db.introspection.getTables()).map((t) => t.name);
      assert.ok(tables.includes('mail_messages') && tables.length > 20, tables.join());
      const dumps: string[] = [];
      for (const table of tables) {
        dumps.push(
          JSON.stringify(
            await plenum.store.db
              .selectFrom(table as 'mail_messages')
              .selectAll()
              .execute(),
          ),
        );
      }
      return dumps.join('\n');
    }

    it('keeps invitation, registration, join and portal links out of every table and the DPO’s view, and the admin’s outbox still follows them', async () => {
      const invited = await inject(
        'POST',
        '/api/staff/invitations',
        { email: 'new.admin@example.org', displayName: 'New Admin', role: 'admin' },
        { cookie: admin },
      );
      assert.equal(invited.statusCode, 201, invited.body);
      const event = (await inject('POST', '/api/events', buildEvent(), { cookie: admin })).json<{ slug: string }>();
      const email = 'erika@example.org';
      const registered = await inject('POST', `/api/public/events/${event.slug}/registrations`, {
        captcha: await solvedCaptcha(plenum),
        firstName: 'Erika',
        lastName: 'Mustermann',
        email,
        language: 'en',
      });
      assert.equal(registered.statusCode, 202, registered.body);

      const invitation = await linkInOutbox('new.admin@example.org', /\/invite\/([\w-]+)/);
      const confirm = await linkInOutbox(email, /\/registration\/confirm#([\w-]+)/);
      assert.equal(
        (await inject('POST', '/api/public/registrations/confirm', { token: confirm })).statusCode,
        200,
        'the admin followed the confirmation link',
      );
      const join = await linkInOutbox(email, /\/j\/([\w-]+)/);
      const manage = await linkInOutbox(email, /\/registration#([\w-]+)/);
      assert.equal((await inject('POST', '/api/public/privacy/access', { email, language: 'en' })).statusCode, 202);
      const portal = await linkInOutbox(email, /\/privacy\/access#([\w-]+)/);
      const tokens = { invitation, confirm, join, manage, portal };

      const stored = await everythingStored();
      for (const [name, token] of Object.entries(tokens)) assert.ok(!stored.includes(token), `no table holds the ${name} token`);
      assert.match(stored, /\/j\/\[removed\]/, 'the stored join mail says where its link was');

      const dpoToken = (await inject('POST', '/api/api-tokens', { name: 'dpo', role: 'dpo' }, { cookie: admin })).json<{ token: string }>()
        .token;
      const dpo = { authorization: `Bearer ${dpoToken}` };
      assert.equal(
        (await inject('GET', '/api/outbox', undefined, dpo)).statusCode,
        403,
        'a pending admin invitation is the admin’s to see',
      );
      const request = (
        await inject('POST', '/api/privacy/requests', { type: 'access', email: 'new.admin@example.org', receivedAt: '2026-12-01' }, dpo)
      ).json<{ id: string }>();
      const erikaRequest = (await inject('POST', '/api/privacy/requests', { type: 'access', email, receivedAt: '2026-12-01' }, dpo)).json<{
        id: string;
      }>();
      for (const id of [request.id, erikaRequest.id]) {
        const view = await inject('GET', `/api/privacy/requests/${id}/items`, undefined, dpo);
        const exported = await inject('GET', `/api/privacy/requests/${id}/export`, undefined, dpo);
        assert.equal(view.statusCode, 200);
        assert.ok(view.body.includes('mail.messages'), 'the mails are part of the view');
        for (const body of [view.body, exported.body]) {
          for (const [name, token] of Object.entries(tokens)) assert.ok(!body.includes(token), `the DPO's view holds no ${name} link`);
        }
      }

      // The links themselves work for whoever got the mail.
      assert.equal((await inject('GET', `/api/invitations/${invitation}`)).statusCode, 200);
      assert.equal((await inject('GET', `/api/public/join/${join}/calendar.ics`)).statusCode, 200);
      assert.equal((await inject('POST', '/api/public/privacy/session', { token: portal })).statusCode, 204);
    });
  });
}
