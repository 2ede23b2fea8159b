import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import { createTestDatabase, dialects, type TestDatabase } from '../testing/stores.js';
import { migrations } from './migrations/index.js';
import { openStore, type Store } from './store.js';

/** Migration 0010 gives existing rooms an owner: an event's room the event's owner (maybe an API token), a plain meeting its host. */
for (const dialect of dialects) {
  describe(`rooms.owner_id backfill on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    before(async () => {
      database = await createTestDatabase(dialect);
      store = openStore(database.config, { schema: database.schema });
    });
    after(async () => {
      await store.close();
      await database.drop();
    });

    it('owns event rooms by the event’s owner and plain rooms by their host', async () => {
      const migrationTableSchema = dialect === 'postgres' ? database.schema : undefined;
      const migrator = new Migrator({ db: store.db, provider: { getMigrations: async () => migrations }, migrationTableSchema });
      const before0010 = await migrator.migrateTo('0009_event_retention');
      assert.equal(before0010.error, undefined);
      const at = '2026-12-01T10:00:00.000Z';
      await sql`INSERT INTO staff_accounts (id, email, display_name, role, status, totp_enabled, language, created_at, updated_at)
                VALUES ('admin-1', 'a@example.org', 'A', 'admin', 'active', 0, 'en', ${at}, ${at}), ('host-1', 'h@example.org', 'H', 'host', 'active', 0, 'en', ${at}, ${at})`.execute(
        store.db,
      );
      await sql`INSERT INTO events (id, slug, kind, title, description, starts_at, ends_at, time_zone, language, approval_mode, dial_in_offered, may_be_recorded, status, owner_id, created_at, updated_at)
                VALUES ('event-1', 'slug-1', 'webinar', 'E', '', ${at}, ${at}, 'Europe/Berlin', 'de', 'automatic', 0, 0, 'scheduled', 'token-1', ${at}, ${at})`.execute(
        store.db,
      );
      await sql`INSERT INTO rooms (id, meeting_number, passcode, title, kind, host_account_id, event_id, created_at)
                VALUES ('event-room', '10000000001', 'p', 'E', 'webinar', 'admin-1', 'event-1', ${at}), ('plain-room', '10000000002', 'p', 'M', 'meeting', 'host-1', NULL, ${at})`.execute(
        store.db,
      );
      await store.migrate();
      const rooms = await store.db.selectFrom('rooms').select(['id', 'owner_id']).orderBy('id').execute();
      assert.deepEqual(rooms, [
        { id: 'event-room', owner_id: 'token-1' },
        { id: 'plain-room', owner_id: 'host-1' },
      ]);
    });
  });
}
