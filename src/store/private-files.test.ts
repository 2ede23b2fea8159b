import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { createPlenum } from '../plenum.js';

const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8);

describe('files on disk', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'plenum-modes-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('keeps DATA_DIR, the SQLite file with its -wal and -shm, and the recordings private under a permissive umask', async () => {
    const previous = process.umask(0o022);
    try {
      const dataDir = path.join(root, 'fresh', 'data');
      const plenum = await createPlenum(loadConfig({ DATA_DIR: dataDir, JANUS_MODE: 'off', LOG_LEVEL: 'silent' }), {
        logger: pino({ level: 'silent' }),
      });
      try {
        const db = path.join(dataDir, 'plenum.sqlite');
        assert.deepEqual([dataDir, db, `${db}-wal`, `${db}-shm`, path.join(dataDir, 'recordings')].map(modeOf), [
          '700',
          '600',
          '600',
          '600',
          '700',
        ]);
      } finally {
        await plenum.close();
      }
    } finally {
      process.umask(previous);
    }
  });

  it('tightens a DATA_DIR and SQLite file an earlier release left world-readable', async () => {
    const dataDir = path.join(root, 'upgraded');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const first = await createPlenum(loadConfig({ DATA_DIR: dataDir, JANUS_MODE: 'off', LOG_LEVEL: 'silent' }), {
      logger: pino({ level: 'silent' }),
    });
    await first.close();
    chmodSync(dataDir, 0o755);
    chmodSync(path.join(dataDir, 'plenum.sqlite'), 0o644);
    const again = await createPlenum(loadConfig({ DATA_DIR: dataDir, JANUS_MODE: 'off', LOG_LEVEL: 'silent' }), {
      logger: pino({ level: 'silent' }),
    });
    await again.close();
    assert.deepEqual([modeOf(dataDir), modeOf(path.join(dataDir, 'plenum.sqlite'))], ['700', '600']);
  });
});
