/**
 * The databases every data-layer test runs against: always an embedded PGlite; also the
 * PostgreSQL server at TEST_DATABASE_URL when it is set (CI sets it). Each test database is new
 * and empty: PGlite in memory, or a schema of its own on the server, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../../src/platform/db/database.ts';

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
