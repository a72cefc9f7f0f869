import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateAll, portalMigrations, testDatabases } from '../../../tests/support/databases.ts';
import { parseInt8, type Database } from './database.ts';
import { inMigrationOrder, migrate, type Migration } from './migrate.ts';

describe('the order of migrations', () => {
  it('keeps the ids existing databases have, in the order they ran, and numbers new ones after', () => {
    const ids = portalMigrations.map((migration) => migration.id);
    expect(ids.slice(0, 7)).toEqual([
      '0001_outbox',
      '0002_sign_in',
      '0003_applications',
      '0004_documents',
      '0005_portal_identity',
      '0006_webhook_deliveries',
      '0007_upload_log',
    ]);
    expect(ids.slice(7)).toEqual([
      '0008_session_principals',
      '0009_applications_district',
      '0010_application_event_actors',
      '0011_school',
      '0012_staff',
      '0013_audit_log',
      '0014_desk_role',
      '0015_desk_learners',
      '0016_staff_sign_in_limits',
      '0017_desk_role_reads',
      '0018_staff_challenge_addresses',
      '0019_desk_policies_once',
      '0020_status_labels_dropped',
    ]);
  });

  it('puts the groups of the features in the order of their numbers, whatever the order they are given in', () => {
    const a = { id: '0002_b', sql: '' };
    const b = { id: '0001_a', sql: '' };
    const c = { id: '0003_c', sql: '' };
    expect(inMigrationOrder([a], [b, c]).map((migration) => migration.id)).toEqual(['0001_a', '0002_b', '0003_c']);
  });

  it('refuses a number used twice, and an id that is not four digits and a name', () => {
    expect(() => inMigrationOrder([{ id: '0008_staff', sql: '' }], [{ id: '0008_school', sql: '' }])).toThrow(
      'used twice',
    );
    expect(() => inMigrationOrder([{ id: '8_staff', sql: '' }])).toThrow('four digits');
  });
});

describe('int8 as a number', () => {
  it('is exact up to the largest safe integer, and refuses to round past it', () => {
    expect(parseInt8('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseInt8('-42')).toBe(-42);
    expect(() => parseInt8('9007199254740993')).toThrow('cast it to text');
  });
});

describe.each(testDatabases)('the database on $name', (backend) => {
  let db: Database;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    ({ db, drop } = await backend.open());
  });
  afterEach(async () => {
    await drop();
  });

  it('applies every migration once, in order', async () => {
    const ids = portalMigrations.map((migration) => migration.id);
    expect(await migrateAll(db)).toEqual(ids);
    expect(await migrateAll(db)).toEqual([]);
    const rows = await db.query<{ id: string }>('select id from schema_migrations order by applied_at, id');
    expect(rows.map((row) => row.id)).toEqual(ids);
  });

  it('applies on an existing database only the migrations it has not run', async () => {
    expect(await migrateAll(db, '0007_upload_log')).toHaveLength(7);
    expect(await migrateAll(db)).toEqual(portalMigrations.slice(7).map((migration) => migration.id));
  });

  it('applies a failing migration not at all', async () => {
    await migrateAll(db);
    const broken = [
      ...portalMigrations,
      { id: '9999_broken', sql: 'create table half_done (id int); select * from no_such_table;' },
    ];
    await expect(migrate(db, broken)).rejects.toThrow();
    expect(await db.query("select to_regclass('half_done') as name")).toEqual([{ name: null }]);
    expect(await db.query("select id from schema_migrations where id = '9999_broken'")).toEqual([]);
  });

  it('refuses a list out of order, and a new migration numbered before one that has run', async () => {
    const first: Migration = { id: '0001_first', sql: 'create table first_table (id int)' };
    const third: Migration = { id: '0003_third', sql: 'create table third_table (id int)' };
    const second: Migration = { id: '0002_second', sql: 'create table second_table (id int)' };
    await expect(migrate(db, [third, first])).rejects.toThrow('out of order');
    expect(await migrate(db, [first, third])).toEqual(['0001_first', '0003_third']);
    // On a new database it would run before 0003, here after it: refused, nothing written.
    await expect(migrate(db, [first, second, third])).rejects.toThrow('0002_second sorts before 0003_third');
    expect(await db.query("select to_regclass('second_table') as name")).toEqual([{ name: null }]);
  });

  it('keeps a transaction whole: all written or nothing', async () => {
    await db.execute('create table things (name text not null)');
    await db.transaction(async (tx) => {
      await tx.query('insert into things (name) values ($1)', ['kept']);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into things (name) values ($1)', ['lost']);
        await tx.query('insert into things (name) values ($1)', [null]);
      }),
    ).rejects.toThrow();
    expect(await db.query('select name from things')).toEqual([{ name: 'kept' }]);
  });

  it('passes values as parameters, never as SQL', async () => {
    await db.execute('create table notes (body text)');
    const hostile = "'); drop table notes; --";
    await db.query('insert into notes (body) values ($1)', [hostile]);
    expect(await db.query('select body from notes')).toEqual([{ body: hostile }]);
  });

  it('returns each type as the same JavaScript value on either driver', async () => {
    const [row] = await db.query(
      `select count(*) as count, sum(x) as total, 5::int8 as int8, 3::int2 as int2, 7::int4 as int4, 2.5::float8 as float8,
         1.10::numeric as numeric, array[1, 2]::int8[] as int8s, array[1.5]::numeric[] as numerics,
         '{"a": {"b": [1, "two"]}}'::jsonb as jsonb, '{"a": 1}'::json as json, '[1, 2]'::jsonb as jsonb_array,
         array['{"x": 1}'::jsonb] as jsonbs,
         '2026-03-01T10:20:30.456Z'::timestamptz as timestamptz, '2026-03-01 10:20:30'::timestamp as timestamp,
         '2026-03-01'::date as date, array['2026-03-01'::date] as dates, '90 minutes'::interval as interval,
         true as boolean, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid as uuid, null::int8 as nothing
       from (values (1::int4), (2::int4)) as numbers (x)`,
    );
    expect(row).toEqual({
      count: 2,
      total: 3,
      int8: 5,
      int2: 3,
      int4: 7,
      float8: 2.5,
      numeric: '1.10',
      int8s: [1, 2],
      numerics: ['1.5'],
      jsonb: { a: { b: [1, 'two'] } },
      json: { a: 1 },
      jsonb_array: [1, 2],
      jsonbs: [{ x: 1 }],
      timestamptz: new Date('2026-03-01T10:20:30.456Z'),
      timestamp: new Date(2026, 2, 1, 10, 20, 30),
      date: '2026-03-01',
      dates: ['2026-03-01'],
      interval: '01:30:00',
      boolean: true,
      uuid: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      nothing: null,
    });
    const [bytes] = await db.query<{ bytes: unknown }>("select '\\x0102'::bytea as bytes");
    expect(bytes?.bytes).toBeInstanceOf(Uint8Array);
    expect([...(bytes?.bytes as Uint8Array)]).toEqual([1, 2]);
  });

  it('returns the same types inside a transaction', async () => {
    const rows = await db.transaction((tx) =>
      tx.query('select count(*) as count, \'{"a": 1}\'::jsonb as data, now() as at from (values (1)) as one (x)'),
    );
    expect(rows).toEqual([{ count: 1, data: { a: 1 }, at: expect.any(Date) as unknown }]);
  });

  it('fails a query whose int8 a number cannot hold, rather than round it, and goes on working', async () => {
    await expect(db.query('select 9007199254740993::int8 as big')).rejects.toThrow('cast it to text');
    expect(await db.query('select 9007199254740993::int8::text as big')).toEqual([{ big: '9007199254740993' }]);
    expect(await db.query('select count(*) as count from (values (1)) as one (x)')).toEqual([{ count: 1 }]);
  });
});
