/**
 * The portal's own database: PostgreSQL through one small interface, on an embedded PGlite in a
 * data directory by default, or on a PostgreSQL server when DATABASE_URL is set. The same SQL runs
 * on both (written for PostgreSQL 15 and PGlite alike).
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Queryable {
  /** Runs one statement with `$1`-style parameters (never values written into the SQL). */
  query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  execute(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: all of it is written, or none of it. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseLocation =
  { kind: 'pglite'; dataDir: string | undefined } | { kind: 'postgres'; url: string; searchPath?: string };

/** An embedded PGlite; in memory when no directory is given (tests). */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  return {
    kind: 'pglite',
    query: async <Row extends object>(sql: string, params: readonly unknown[] = []) =>
      (await db.query<Row>(sql, [...params])).rows,
    execute: async (sql) => {
      await db.exec(sql);
    },
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          query: async <Row extends object>(sql: string, params: readonly unknown[] = []) =>
            (await tx.query<Row>(sql, [...params])).rows,
          execute: async (sql) => {
            await tx.exec(sql);
          },
        }),
      ),
    close: () => db.close(),
  };
}

/** A pool of connections to a PostgreSQL server. */
export function openPostgres(url: string, searchPath?: string): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  });
  const run =
    (client: pg.Pool | pg.PoolClient) =>
    async <Row extends object>(sql: string, params: readonly unknown[] = []): Promise<Row[]> =>
      (await client.query<Row & pg.QueryResultRow>(sql, [...params])).rows;
  const execute = (client: pg.Pool | pg.PoolClient) => async (sql: string) => {
    await client.query(sql);
  };
  return {
    kind: 'postgres',
    query: run(pool),
    execute: execute(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work({ query: run(client), execute: execute(client) });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export function openDatabase(location: DatabaseLocation): Promise<Database> {
  return location.kind === 'pglite'
    ? openPglite(location.dataDir)
    : Promise.resolve(openPostgres(location.url, location.searchPath));
}
