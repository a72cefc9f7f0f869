/**
 * The portal's own database: PostgreSQL through one small interface, on an embedded PGlite in a
 * data directory by default, or on a PostgreSQL server when DATABASE_URL is set. The same SQL runs
 * on both (written for PostgreSQL 15 and PGlite alike), and the same rows come back from both:
 * the adapter, not each store, settles what the two drivers would return differently.
 *
 * What a column of each type comes back as, on either driver:
 * - `int2`, `int4`, `int8` (so `count(*)` and `sum()` of integers), `float4`, `float8`: a number.
 *   An `int8` beyond `Number.MAX_SAFE_INTEGER` fails the query rather than come back rounded
 *   (cast it to text in the SQL if one is ever needed);
 * - `numeric`: a string, exactly as PostgreSQL writes it (no rounding through a float);
 * - `json`, `jsonb`: the parsed value (an object, an array, a string…), never the JSON text;
 * - `timestamptz`, `timestamp`: a `Date`;
 * - `date`: its `YYYY-MM-DD` text (a day in the calendar, not an instant in a time zone);
 * - `interval`: its text as PostgreSQL writes it (`01:00:00`);
 * - `boolean`: a boolean; `uuid`, `text`: a string; `bytea`: a `Uint8Array` (a Buffer on pg);
 * - arrays of these: arrays of the same.
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

/** Type ids (`pg_type.oid`) whose values one of the drivers would return otherwise. */
const oid = {
  int8: 20,
  int8Array: 1016,
  date: 1082,
  dateArray: 1182,
  interval: 1186,
  intervalArray: 1187,
  numericArray: 1231,
  textArray: 1009,
} as const;

/** An `int8` as a number; one a number cannot hold exactly fails, never rounds. */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw new RangeError(
      `the database returned the int8 ${text}, beyond what a JavaScript number holds exactly: cast it to text in the query`,
    );
  return value;
}

const asText = (text: string): string => text;

/**
 * The parsers both drivers are given for the scalar types above. PGlite applies them to arrays of
 * those types too; for pg the arrays are mapped below.
 */
const scalarParsers: Record<number, (text: string) => unknown> = {
  [oid.int8]: parseInt8,
  [oid.date]: asText,
  [oid.interval]: asText,
};

type Nested<T> = T | null | Nested<T>[];

function mapNested(value: Nested<string>, parse: (text: string) => unknown): unknown {
  if (value === null) return null;
  return Array.isArray(value) ? value.map((entry) => mapNested(entry, parse)) : parse(value);
}

/** How each entry of these array types is parsed on pg (its own parsers would differ from PGlite's). */
const pgArrayEntries: Record<number, (text: string) => unknown> = {
  [oid.int8Array]: parseInt8,
  [oid.dateArray]: asText,
  [oid.intervalArray]: asText,
  // pg would make floats of numeric[] entries; PGlite keeps them exact, as text.
  [oid.numericArray]: asText,
};

/** pg's own parser of a type (its typings list only the scalar type ids, not the array ones). */
const pgParser = pg.types.getTypeParser as (id: number, format?: 'text' | 'binary') => (text: string) => unknown;

/**
 * pg's own text parsers, but for the types above: int8 (and its arrays) as numbers, where pg
 * would give strings; dates and intervals as text, where pg would give a Date at local midnight and
 * an object. Given to each pool, so no other user of pg in the process is affected.
 */
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((id: number, format?: 'text' | 'binary') => {
    if (format === 'binary') return pgParser(id, format);
    const scalar = scalarParsers[id];
    if (scalar) return scalar;
    const entry = pgArrayEntries[id];
    if (entry) {
      // Read as an array of text (nested for more dimensions), then each entry is parsed.
      const textArray = pgParser(oid.textArray, 'text') as (text: string) => Nested<string>;
      return (text: string) => mapNested(textArray(text), entry);
    }
    return pgParser(id, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** An embedded PGlite; in memory when no directory is given (tests). */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const options = { parsers: scalarParsers };
  const db = dataDir ? await PGlite.create(dataDir, options) : await PGlite.create(options);
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
    types: pgTypes,
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
