import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestPlenum, type TestPlenum } from '../testing/plenum.js';

describe('/api/openapi.json', () => {
  let plenum: TestPlenum;
  let document: {
    openapi: string;
    paths: Record<
      string,
      Record<
        string,
        {
          summary?: string;
          security?: unknown[];
          requestBody?: { content: Record<string, { schema: { additionalProperties?: boolean } }> };
        }
      >
    >;
    components: { securitySchemes: Record<string, unknown> };
  };
  before(async () => {
    plenum = await startTestPlenum('sqlite');
    document = (await plenum.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  });
  after(() => plenum.dispose());

  it('describes every API route with a summary', () => {
    assert.equal(document.openapi, '3.1.0');
    const routes = plenum.app.printRoutes({ commonPrefix: false });
    for (const path of ['/api/setup', '/api/auth/login', '/api/staff/invitations', '/api/api-tokens/{id}', '/api/outbox', '/healthz']) {
      assert.ok(document.paths[path], `${path} is documented`);
      for (const operation of Object.values(document.paths[path]!)) assert.ok(operation.summary, `${path} has a summary`);
    }
    assert.ok(routes.includes('openapi.json'));
  });

  it('names both ways to authenticate and which routes need them', () => {
    assert.deepEqual(Object.keys(document.components.securitySchemes).sort(), ['apiToken', 'session']);
    assert.ok(document.paths['/api/staff']!.get!.security!.length === 2);
    assert.equal(document.paths['/api/auth/login']!.post!.security, undefined);
  });

  it('documents that request bodies take no unknown fields', () => {
    const body = document.paths['/api/staff/invitations']!.post!.requestBody!.content['application/json']!.schema;
    assert.equal(body.additionalProperties, false);
  });
});
