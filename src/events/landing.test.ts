import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { renderPageShell } from '../http/page-shell.js';
import type { PublicEvent } from '../shared/api/events.js';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { dialects } from '../testing/stores.js';
import { landingShell } from './landing-page.js';
import { buildEvent } from './testing.js';

/** A description that tries everything a registration page must not run or load. */
const hostile = [
  '## Agenda',
  '',
  '- **Privacy** by *design*',
  '- [Programme](https://example.org/programme)',
  '',
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(2)">',
  '<a href="https://example.org" onclick="alert(3)">raw link</a>',
  '[click](javascript:alert(4)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox)',
  '![tracker](https://tracker.example/pixel.png)',
].join('\n');

/** A camera's JPEG: EXIF with the camera's owner and GPS position, 1200×800. */
const cameraPhoto = () =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3366aa' } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Secret Owner', Copyright: 'Secret Owner' }, IFD3: { GPSLatitudeRef: 'N' } })
    .toBuffer();

for (const dialect of dialects) {
  describe(`the registration page as a landing page on ${dialect}`, () => {
    let plenum: TestPlenum;
    let admin: string;
    const inject = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      plenum.app.inject({ method, url, payload: payload as object, headers });

    before(async () => {
      plenum = await startTestPlenum(dialect);
      admin = await setUpAdmin(plenum);
    });
    after(() => plenum.dispose());

    async function createEvent(overrides: Record<string, unknown> = {}) {
      const response = await inject('POST', '/api/events', buildEvent(overrides), { cookie: admin });
      assert.equal(response.statusCode, 201, response.body);
      return response.json<{ id: string; slug: string; speakers: { id: string; name: string; photoUrl: string | null }[] }>();
    }

    it('renders the description’s Markdown without scripts, raw HTML, event handlers, unsafe links or remote images', async () => {
      const event = await createEvent({ description: hostile });
      const page = (await inject('GET', `/api/public/events/${event.slug}`)).json<PublicEvent>();
      const html = page.descriptionHtml;
      assert.match(html, /<h4>Agenda<\/h4>/, 'headings start below the page’s own');
      assert.match(html, /<strong>Privacy<\/strong> by <em>design<\/em>/);
      assert.match(html, /<a href="https:\/\/example.org\/programme" rel="nofollow noopener noreferrer" target="_blank">Programme<\/a>/);
      assert.doesNotMatch(html, /<script|<img|<a href="https:\/\/example.org" onclick/i, 'raw HTML is text');
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'and is shown as such');
      assert.doesNotMatch(html, /<[^>]+\son\w+=/i, 'no element carries an event handler');
      assert.doesNotMatch(html, /href="(javascript|data|vbscript):/i, 'no unsafe link');
      assert.doesNotMatch(html, /<(img|iframe|video|audio|source|link)\b/i, 'nothing is loaded from elsewhere');
      assert.equal(page.description, hostile, 'the host’s text is kept as written');
    });

    it('presents speakers in order, keeps a photo across edits and removes a speaker who was taken off', async () => {
      const event = await createEvent({
        speakers: [
          { name: 'Dora Datenschutz', role: 'Datenschutzbeauftragte' },
          { name: 'Erik Entwickler', role: '' },
        ],
      });
      assert.deepEqual(
        event.speakers.map((s) => s.name),
        ['Dora Datenschutz', 'Erik Entwickler'],
      );
      const [dora, erik] = event.speakers;
      assert.ok(dora && erik);
      const photo = await inject(
        'PUT',
        `/api/events/${event.id}/speakers/${dora.id}/photo`,
        { type: 'image/jpeg', data: (await cameraPhoto()).toString('base64') },
        { cookie: admin },
      );
      assert.equal(photo.statusCode, 200, photo.body);
      const edited = await inject(
        'POST',
        `/api/events/${event.id}`,
        buildEvent({ speakers: [{ id: dora.id, name: 'Dora Datenschutz', role: 'DSB' }] }),
        { cookie: admin },
      );
      assert.equal(edited.statusCode, 200, edited.body);
      const page = (await inject('GET', `/api/public/events/${event.slug}`)).json<PublicEvent>();
      assert.equal(page.speakers.length, 1);
      assert.equal(page.speakers[0]!.role, 'DSB');
      assert.ok(page.speakers[0]!.photoUrl, 'the photo stays with the speaker');
      const left = await plenum.store.db.selectFrom('event_speakers').select('id').where('id', '=', erik.id).execute();
      assert.equal(left.length, 0, 'the speaker taken off is deleted');
    });

    it('stores a speaker’s photo as a small JPEG without the camera’s metadata, served with its type and nosniff', async () => {
      const event = await createEvent({ speakers: [{ name: 'Dora Datenschutz' }] });
      const speaker = event.speakers[0]!;
      const original = await cameraPhoto();
      assert.ok(original.includes('Secret Owner'), 'the upload carries the metadata');
      const uploaded = await inject(
        'PUT',
        `/api/events/${event.id}/speakers/${speaker.id}/photo`,
        { type: 'image/jpeg', data: original.toString('base64') },
        { cookie: admin },
      );
      assert.equal(uploaded.statusCode, 200, uploaded.body);
      const photoUrl = uploaded.json<{ speakers: { photoUrl: string }[] }>().speakers[0]!.photoUrl;
      const served = await inject('GET', photoUrl);
      assert.equal(served.statusCode, 200);
      assert.equal(served.headers['content-type'], 'image/jpeg');
      assert.equal(served.headers['x-content-type-options'], 'nosniff');
      assert.ok(!served.rawPayload.includes('Secret Owner'), 'the metadata is gone');
      const meta = await sharp(served.rawPayload).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height, meta.exif], ['jpeg', 400, 400, undefined]);

      const removed = await inject('DELETE', `/api/events/${event.id}/speakers/${speaker.id}/photo`, undefined, { cookie: admin });
      assert.equal(removed.json<{ speakers: { photoUrl: string | null }[] }>().speakers[0]!.photoUrl, null);
      assert.equal((await inject('GET', photoUrl)).statusCode, 404);
    });

    it('refuses a file that is not the image it claims, in the host’s language', async () => {
      const event = await createEvent({ speakers: [{ name: 'Dora Datenschutz' }] });
      const url = `/api/events/${event.id}/speakers/${event.speakers[0]!.id}/photo`;
      for (const [type, bytes] of [
        ['image/png', Buffer.from('<svg onload=alert(1)>')],
        ['image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0])],
      ] as const) {
        const refused = await inject('PUT', url, { type, data: bytes.toString('base64') }, { cookie: admin, 'accept-language': 'de' });
        assert.equal(refused.statusCode, 400, refused.body);
        assert.equal(refused.json<{ error: { code: string } }>().error.code, 'ERR_SPEAKER_PHOTO_INVALID');
        assert.match(refused.json<{ error: { message: string } }>().error.message, /PNG-, JPEG- oder WebP-Bild/);
      }
      const svg = await inject('PUT', url, { type: 'image/svg+xml', data: 'PHN2Zz4=' }, { cookie: admin });
      assert.equal(svg.statusCode, 400, 'only raster types are taken');
      const unknownSpeaker = await inject(
        'PUT',
        `/api/events/${event.id}/speakers/00000000-0000-4000-8000-000000000000/photo`,
        { type: 'image/jpeg', data: (await cameraPhoto()).toString('base64') },
        { cookie: admin },
      );
      assert.equal(unknownSpeaker.statusCode, 404);
    });

    it('deletes the speakers with the event’s registrations when its period is over', async () => {
      const event = await createEvent({ speakers: [{ name: 'Dora Datenschutz' }], retention: { registrationDays: 3 } });
      const ended = new Date(Date.now() - 5 * 86_400_000).toISOString();
      await plenum.store.db
        .updateTable('events')
        .set({ starts_at: new Date(Date.now() - 6 * 86_400_000).toISOString(), ends_at: ended })
        .where('id', '=', event.id)
        .execute();
      const token = await inject('POST', '/api/api-tokens', { name: 'dpo', role: 'dpo' }, { cookie: admin });
      const dpo = { authorization: `Bearer ${token.json<{ token: string }>().token}` };
      const dry = await inject('POST', '/api/privacy/retention/run', { dryRun: true }, dpo);
      const planned = dry
        .json<{ results: { categories: string[]; count: number }[] }>()
        .results.find((t) => t.categories.includes('events.speakers'));
      assert.equal(planned?.count, 1, 'the dry run counts the speaker');
      const run = await inject('POST', '/api/privacy/retention/run', { dryRun: false }, dpo);
      assert.equal(run.statusCode, 200, run.body);
      const left = await plenum.store.db.selectFrom('event_speakers').select('id').where('event_id', '=', event.id).execute();
      assert.equal(left.length, 0);
    });
  });
}

describe('the registration page before its script runs', () => {
  const index =
    '<!doctype html><html lang="en"><head><title>Plenum</title><script type="module" src="/assets/index.js"></script></head><body><div id="root"></div></body></html>';
  const event = {
    slug: 'abc',
    kind: 'webinar',
    title: 'Privacy <b>by</b> Design',
    description: '',
    descriptionHtml: '<p><strong>Safe</strong></p>\n',
    startsAt: '2026-12-07T09:00:00.000Z',
    endsAt: '2026-12-07T10:30:00.000Z',
    timeZone: 'Europe/Berlin',
    language: 'de',
    speakers: [{ id: 's1', name: 'Dora "D" <Datenschutz>', role: 'DSB', photoUrl: '/api/public/events/abc/speakers/s1/photo?v=1' }],
  } as unknown as PublicEvent;

  it('carries the title, the time in the event’s zone, the description and the speakers, escaped', () => {
    const html = renderPageShell(index, {
      title: event.title,
      language: 'de',
      html: landingShell(event, { name: 'Beispiel GmbH', logoUrl: null }, 'de'),
      initialData: { path: '/api/public/events/abc', data: { title: '</script><script>alert(1)</script>' } },
    });
    assert.match(html, /<html lang="de">/);
    assert.match(html, /<title>Privacy &lt;b&gt;by&lt;\/b&gt; Design<\/title>/);
    assert.match(html, /<h1>Privacy &lt;b&gt;by&lt;\/b&gt; Design<\/h1>/);
    assert.match(html, /Montag, 7\. Dezember 2026, 10:00–11:30 \(Europe\/Berlin, UTC\+1\)/);
    assert.match(html, /<p><strong>Safe<\/strong><\/p>/);
    assert.match(html, /Dora &quot;D&quot; &lt;Datenschutz&gt;/);
    assert.doesNotMatch(html, /<\/script><script>alert/, 'the embedded data cannot close its element');
    assert.match(html, /<script type="module" src="\/assets\/index.js"><\/script>/, 'the client still loads');
  });
});
