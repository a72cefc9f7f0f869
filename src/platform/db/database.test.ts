import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../tests/support/databases.ts';
import type { Database } from './database.ts';
import { migrate, migrations } from './migrations.ts';

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
    expect(await migrate(db)).toEqual(migrations.map((migration) => migration.id));
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ id: string }>('select id from schema_migrations order by id');
    expect(rows.map((row) => row.id)).toEqual(migrations.map((migration) => migration.id));
  });

  it('applies a failing migration not at all', async () => {
    await migrate(db);
    const broken = [
      ...migrations,
      { id: '9999_broken', sql: 'create table half_done (id int); select * from no_such_table;' },
    ];
    await expect(migrate(db, broken)).rejects.toThrow();
    expect(await db.query("select to_regclass('half_done') as name")).toEqual([{ name: null }]);
    expect(await db.query("select id from schema_migrations where id = '9999_broken'")).toEqual([]);
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
});
