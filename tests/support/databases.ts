/**
 * The databases every data-layer test runs against: always an embedded PGlite; also the
 * PostgreSQL server at TEST_DATABASE_URL when it is set (CI sets it). Each test database is new
 * and empty: PGlite in memory, or a schema of its own on the server, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { portalMigrations } from '../../src/app/runtime.ts';
import { openPglite, openPostgres, type Database } from '../../src/platform/db/database.ts';
import { migrate } from '../../src/platform/db/migrate.ts';

export { portalMigrations };

/**
 * Gives a test database the portal's schema: every migration, or those up to and including
 * `upTo` (to set up rows as an older release wrote them, then migrate the rest).
 */
export function migrateAll(db: Database, upTo?: string): Promise<string[]> {
  return migrate(db, upTo ? portalMigrations.filter((migration) => migration.id <= upTo) : portalMigrations);
}

export interface TestDatabase {
  name: string;
  open(): Promise<{ db: Database; drop: () => Promise<void> }>;
}

const serverUrl = process.env['TEST_DATABASE_URL'];

export const testDatabases: TestDatabase[] = [
  {
    name: 'PGlite',
    open: async () => {
      const db = await openPglite(undefined);
      return { db, drop: () => db.close() };
    },
  },
  ...(serverUrl
    ? [
        {
          name: 'PostgreSQL server',
          open: async () => {
            const schema = `test_${randomBytes(6).toString('hex')}`;
            const admin = new pg.Client({ connectionString: serverUrl });
            await admin.connect();
            await admin.query(`create schema ${schema}`);
            await admin.end();
            const db = openPostgres(serverUrl, schema);
            return {
              db,
              drop: async () => {
                await db.close();
                const cleaner = new pg.Client({ connectionString: serverUrl });
                await cleaner.connect();
                await cleaner.query(`drop schema ${schema} cascade`);
                await cleaner.end();
              },
            };
          },
        },
      ]
    : []),
];

/**
 * One migrated database of `backend` shared by the tests of the surrounding describe block (each
 * test makes rows of its own), opened before them and dropped after: a database per test would
 * run every migration again for each.
 */
export function useMigratedDatabase(backend: TestDatabase): () => Database {
  let opened: { db: Database; drop: () => Promise<void> } | undefined;
  beforeAll(async () => {
    opened = await backend.open();
    await migrateAll(opened.db);
  });
  afterAll(async () => {
    await opened?.drop();
  });
  return () => {
    if (!opened) throw new Error('the test database is not open yet: call the getter inside a test');
    return opened.db;
  };
}
