import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { renderNginxSite } from './nginx-config.js';

describe('the nginx site of cluster mode', () => {
  it('is the one docs/operations.md shows (the cluster tests run nginx with the same)', () => {
    const docs = readFileSync(path.resolve(import.meta.dirname, '../../docs/operations.md'), 'utf8');
    const site = renderNginxSite({ backends: ['10.0.0.11:8080', '10.0.0.12:8080', '10.0.0.13:8080'] });
    assert.ok(
      docs.includes(`\`\`\`nginx\n${site}\`\`\``),
      'docs/operations.md holds `npm run -s nginx:config -- 10.0.0.11:8080 …` verbatim',
    );
  });

  it('hashes room sockets by their room and spreads the rest', () => {
    const site = renderNginxSite({ backends: ['127.0.0.1:1'], listen: '127.0.0.1:2' });
    assert.match(site, /upstream plenum_rooms \{\n {2}hash \$arg_room\$arg_seat consistent;\n {2}server 127\.0\.0\.1:1 /);
    assert.match(site, /location = \/api\/rooms\/socket \{\n {4}proxy_pass http:\/\/plenum_rooms;/);
    assert.match(site, /listen 127\.0\.0\.1:2;/);
  });
});
