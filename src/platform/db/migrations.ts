/**
 * The platform's own table: the database's identity. The runner is `migrate.ts`; each feature
 * keeps its tables in its own `migrations.ts`, and `src/app/runtime.ts` puts them in one list.
 */
import type { Migration } from './migrate.ts';

export const databaseMigrations: readonly Migration[] = [
  {
    id: '0005_portal_identity',
    sql: `
      -- This database's own id. The uploads folder carries it in a marker file, and files without a
      -- document row are swept only from a folder marked with it: a server started against another,
      -- an empty or a restored database never deletes real documents.
      create table portal_identity (
        singleton boolean primary key default true check (singleton),
        id uuid not null default gen_random_uuid()
      );
      insert into portal_identity default values;
    `,
  },
];
