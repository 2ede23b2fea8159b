import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../testing/stores.js';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';

/** A 1×1 PNG. */
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

for (const dialect of dialects) {
  describe(`organisation settings on ${dialect}`, () => {
    let plenum: TestPlenum;
    let admin: string;
    const inject = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      plenum.app.inject({ method, url, payload: payload as object, headers });

    before(async () => {
      plenum = await startTestPlenum(dialect, { ORG_NAME: 'Env GmbH', DEFAULT_TIME_ZONE: 'Europe/Vienna' });
      admin = await setUpAdmin(plenum);
    });
    after(() => plenum.dispose());

    it('starts from the environment and says what the controller’s identity lacks', async () => {
      const settings = await inject('GET', '/api/settings', undefined, { cookie: admin });
      assert.equal(settings.statusCode, 200, settings.body);
      const body = settings.json<{ name: string; timeZone: string; missingIdentity: string[] }>();
      assert.equal(body.name, 'Env GmbH');
      assert.equal(body.timeZone, 'Europe/Vienna');
      assert.deepEqual(body.missingIdentity, ['address', 'privacyEmail']);
      const checklist = (await inject('GET', '/api/privacy/checklist', undefined, { cookie: admin })).json<{
        items: { key: string; done: boolean }[];
      }>();
      assert.deepEqual(
        checklist.items.filter((i) => !i.done).map((i) => i.key),
        ['address', 'privacyEmail', 'authority', 'dpo', 'hosting'],
      );
    });

    it('stores the controller, audits the change without its values and makes a new notice version', async () => {
      const before = (await inject('GET', '/api/public/privacy/notice?language=de')).json<{ version: string }>().version;
      const changed = await inject(
        'PUT',
        '/api/settings',
        {
          name: 'Beispiel GmbH',
          address: 'Bahnhofsallee 1b, 37081 Göttingen',
          privacyEmail: 'Datenschutz@Example.org',
          dpoName: 'Dora Datenschutz',
          authorityName: 'Die Landesbeauftragte für den Datenschutz Niedersachsen',
          authorityAddress: 'Prinzenstraße 5, 30159 Hannover',
          hosting: 'own',
          hostingCountry: 'de',
          accentColour: '#1F5FBF',
          timeZone: 'Europe/Berlin',
          defaultLanguage: 'de',
        },
        { cookie: admin },
      );
      assert.equal(changed.statusCode, 200, changed.body);
      const body = changed.json<{
        name: string;
        privacyEmail: string;
        hostingCountry: string;
        accentColour: string;
        missingIdentity: string[];
      }>();
      assert.equal(body.privacyEmail, 'datenschutz@example.org');
      assert.equal(body.hostingCountry, 'DE');
      assert.equal(body.accentColour, '#1f5fbf');
      assert.deepEqual(body.missingIdentity, []);

      const notice = (await inject('GET', '/api/public/privacy/notice?language=de')).json<{
        version: string;
        controller: { name: string; address: string; privacyEmail: string; dpo: { name: string } };
      }>();
      assert.equal(notice.controller.name, 'Beispiel GmbH');
      assert.equal(notice.controller.dpo.name, 'Dora Datenschutz');
      assert.notEqual(notice.version, before);
      const stored = await plenum.store.db
        .selectFrom('notice_versions')
        .select('version')
        .where('version', '=', notice.version)
        .executeTakeFirst();
      assert.ok(stored, 'the new version is stored');

      const audit = await plenum.store.db.selectFrom('audit_entries').selectAll().where('action', '=', 'settings.changed').execute();
      assert.equal(audit.length, 1);
      assert.match(audit[0]!.detail ?? '', /privacyEmail/);
      assert.doesNotMatch(audit[0]!.detail ?? '', /datenschutz@example\.org|Dora/, 'the audit names fields, never values');

      const branding = (await inject('GET', '/api/public/branding')).json<{ name: string; accentColour: string; timeZone: string }>();
      assert.deepEqual(branding, {
        name: 'Beispiel GmbH',
        accentColour: '#1f5fbf',
        logoUrl: null,
        defaultLanguage: 'de',
        timeZone: 'Europe/Berlin',
      });
    });

    it('survives a restart of its cache: a field cleared returns to the environment default', async () => {
      const cleared = await inject('PUT', '/api/settings', { name: '', timeZone: null }, { cookie: admin });
      assert.equal(cleared.statusCode, 200, cleared.body);
      assert.equal(cleared.json<{ name: string }>().name, 'Env GmbH');
      assert.equal(cleared.json<{ timeZone: string }>().timeZone, 'Europe/Vienna');
      assert.equal(cleared.json<{ address: string }>().address, 'Bahnhofsallee 1b, 37081 Göttingen', 'fields left out stay');
    });

    it('refuses a colour white text cannot be read on, an unknown zone and unknown fields, in the user’s language', async () => {
      const pale = await inject('PUT', '/api/settings', { accentColour: '#ffee00' }, { cookie: admin, 'accept-language': 'de' });
      assert.equal(pale.statusCode, 400);
      assert.equal(pale.json<{ error: { code: string; message: string } }>().error.code, 'ERR_SETTINGS_COLOUR_CONTRAST');
      assert.match(pale.json<{ error: { message: string } }>().error.message, /zu hell/);
      const zone = await inject('PUT', '/api/settings', { timeZone: 'Mars/Olympus' }, { cookie: admin });
      assert.equal(zone.json<{ error: { code: string } }>().error.code, 'ERR_TIME_ZONE_INVALID');
      const unknown = await inject('PUT', '/api/settings', { colour: '#000000' }, { cookie: admin });
      assert.equal(unknown.statusCode, 400);
      const markup = await inject('PUT', '/api/settings', { name: '<b>Evil</b>' }, { cookie: admin });
      assert.equal(markup.statusCode, 400);
    });

    it('takes a logo only when its bytes are the image it claims, and serves it publicly', async () => {
      const fake = await inject(
        'PUT',
        '/api/settings/logo',
        { type: 'image/png', data: Buffer.from('<svg onload=alert(1)>').toString('base64') },
        { cookie: admin },
      );
      assert.equal(fake.json<{ error: { code: string } }>().error.code, 'ERR_SETTINGS_LOGO_INVALID');
      const uploaded = await inject('PUT', '/api/settings/logo', { type: 'image/png', data: png }, { cookie: admin });
      assert.equal(uploaded.statusCode, 200, uploaded.body);
      const logoUrl = uploaded.json<{ logoUrl: string }>().logoUrl;
      assert.match(logoUrl, /^\/api\/public\/branding\/logo\?v=/);
      const logo = await inject('GET', logoUrl);
      assert.equal(logo.statusCode, 200);
      assert.equal(logo.headers['content-type'], 'image/png');
      assert.deepEqual(logo.rawPayload, Buffer.from(png, 'base64'));
      const removed = await inject('DELETE', '/api/settings/logo', undefined, { cookie: admin });
      assert.equal(removed.json<{ logoUrl: null }>().logoUrl, null);
      assert.equal((await inject('GET', '/api/public/branding/logo')).statusCode, 404);
    });

    it('uses the organisation’s name in the staff invitation mail', async () => {
      await inject('PUT', '/api/settings', { name: 'Mail Name AG' }, { cookie: admin });
      const invited = await inject(
        'POST',
        '/api/staff/invitations',
        { email: 'new@example.org', displayName: 'Neu', role: 'host' },
        { cookie: admin },
      );
      assert.equal(invited.statusCode, 201, invited.body);
      const mail = await plenum.store.db
        .selectFrom('mail_messages')
        .select(['subject'])
        .where('to_address', '=', 'new@example.org')
        .executeTakeFirstOrThrow();
      assert.match(mail.subject, /Mail Name AG/);
    });
  });
}
