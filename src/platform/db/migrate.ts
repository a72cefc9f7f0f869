/**
 * Runs the database's migrations. Each feature keeps its tables in its own `migrations.ts`; the
 * app collects them (`src/app/runtime.ts`) into one list ordered by id. An id is a global number
 * and a name (`0008_session_principals`): the number fixes the order on every database, whichever
 * module the migration lives in. Each migration runs once, all of them in one transaction, when
 * the server starts; a migration that has run is never edited or renumbered: add a new one, with
 * the next number.
 */
import type { Database } from './database.ts';

export interface Migration {
  /** Four digits and a name: `0001_outbox`. Never changed once released. */
  id: string;
  sql: string;
}

const idFormat = /^\d{4}_[a-z0-9_]+$/;

/**
 * One list of migrations from the groups of each feature, in the order of their ids. Throws on a
 * malformed id and on a number used twice (two features that picked the same next number).
 */
export function inMigrationOrder(...groups: readonly (readonly Migration[])[]): readonly Migration[] {
  const all = groups.flat().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const seen = new Set<string>();
  for (const migration of all) {
    if (!idFormat.test(migration.id))
      throw new Error(`migration id ${migration.id} is not four digits and a name (0008_session_principals)`);
    const number = migration.id.slice(0, 4);
    if (seen.has(number)) throw new Error(`migration number ${number} is used twice: give one of them the next number`);
    seen.add(number);
  }
  return all;
}

/** A number both PostgreSQL and PGlite lock on, so two servers starting at once migrate in turn. */
const migrationLock = 707_107;

/**
 * Applies the migrations of `all` that have not run yet, in its order; returns their ids. `all`
 * must be in id order (as `inMigrationOrder` gives it), and a migration that has not run may not
 * sort before one that has: it would run in another order here than on a new database.
 */
export async function migrate(db: Database, all: readonly Migration[]): Promise<string[]> {
  for (const [index, migration] of all.entries()) {
    const before = all[index - 1];
    if (before && before.id >= migration.id)
      throw new Error(`migrations out of order: ${before.id} comes before ${migration.id}`);
  }
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [migrationLock]);
    await tx.query(`create table if not exists schema_migrations (
      id text primary key,
      applied_at timestamptz not null default now()
    )`);
    const done = new Set((await tx.query<{ id: string }>('select id from schema_migrations')).map((row) => row.id));
    const lastDone = [...done].sort().at(-1);
    const pending = all.filter((migration) => !done.has(migration.id));
    const late = pending.find((migration) => lastDone !== undefined && migration.id < lastDone);
    if (late)
      throw new Error(
        `migration ${late.id} sorts before ${lastDone ?? ''}, which has already run on this database: give it the next number`,
      );
    for (const migration of pending) {
      await tx.execute(migration.sql);
      await tx.query('insert into schema_migrations (id) values ($1)', [migration.id]);
    }
    return pending.map((migration) => migration.id);
  });
}
