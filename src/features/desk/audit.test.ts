import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateAll, testDatabases } from '../../../tests/support/databases.ts';
import type { Database, Queryable } from '../../platform/db/database.ts';
import { appendAudit, auditRowHash, canonicalJson, genesisHash, verifyAuditChain, type AuditEntry } from './audit.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true } })).toBe('{"a":{"c":true,"d":[1,"x",null]},"b":1}');
  });

  it('sorts keys by UTF-16 code units, not code points', () => {
    // U+FB33 is below U+1F600 as a code point, above its first UTF-16 unit (U+D83D).
    expect(canonicalJson({ '\ufb33': 1, '\u{1f600}': 2 })).toBe('{"\u{1f600}":2,"\ufb33":1}');
  });

  it('writes strings and numbers as JSON.stringify does', () => {
    expect(canonicalJson(['é\n"\\', 1e21, -0, 0.1, 5e-7, 4.5])).toBe('["é\\n\\"\\\\",1e+21,0,0.1,5e-7,4.5]');
  });

  it('leaves undefined object members out', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson([1, undefined])).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ n: Number.POSITIVE_INFINITY })).toThrow(TypeError);
    expect(() => canonicalJson(1n)).toThrow(TypeError);
    expect(() => canonicalJson(new Date(0))).toThrow(TypeError);
    expect(() => canonicalJson('\ud800')).toThrow(TypeError);
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    expect(() => canonicalJson(loop)).toThrow(TypeError);
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });
});

describe('auditRowHash', () => {
  const row = {
    seq: 1,
    at: new Date('2025-03-01T10:00:00.000Z'),
    actorKind: 'system' as const,
    actorId: null,
    action: 'test',
    subject: null,
    district: null,
    ip: null,
    detail: {},
  };

  it('is a SHA-256 in hex, and the genesis hash is 64 zeros', () => {
    expect(genesisHash).toBe('0'.repeat(64));
    expect(auditRowHash(genesisHash, row)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('covers the hash before, the seq and every field', () => {
    const base = auditRowHash(genesisHash, row);
    expect(auditRowHash('1'.repeat(64), row)).not.toBe(base);
    expect(auditRowHash(genesisHash, { ...row, seq: 2 })).not.toBe(base);
    expect(auditRowHash(genesisHash, { ...row, ip: '10.0.0.1' })).not.toBe(base);
    expect(auditRowHash(genesisHash, { ...row, at: new Date('2025-03-01T10:00:00.001Z') })).not.toBe(base);
    expect(auditRowHash(genesisHash, { ...row, detail: { n: 1 } })).not.toBe(base);
  });
});

const staffId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

function entry(action: string, extra: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: new Date(),
    actor: { kind: 'staff', id: staffId },
    action,
    subject: 'AQ-2025-000123',
    district: 'almaty',
    ip: '203.0.113.7',
    detail: { reason: 'review' },
    ...extra,
  };
}

describe.each(testDatabases)('the audit log on $name', (backend) => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ db, drop } = await backend.open());
    await migrateAll(db);
  });
  afterEach(async () => {
    await drop();
  });

  const append = (item: AuditEntry) => db.transaction((tx) => appendAudit(tx, item));

  /** Runs `work` with the append-only trigger off, as only a superuser could. */
  async function behindTheTriggers(work: () => Promise<unknown>): Promise<void> {
    await db.execute('alter table audit_log disable trigger audit_log_no_update');
    try {
      await work();
    } finally {
      await db.execute('alter table audit_log enable trigger audit_log_no_update');
    }
  }

  it('chains appends made in separate transactions', async () => {
    await append(entry('application.read'));
    await append(entry('application.assign', { actor: { kind: 'system' }, subject: undefined, detail: undefined }));
    await append(entry('sign-in.failed', { actor: { kind: 'anonymous' } }));
    expect(await verifyAuditChain(db)).toEqual({ status: 'intact', entries: 3 });
    const rows = await db.query<{ seq: number; prev_hash: string; row_hash: string; actor_id: string | null }>(
      'select seq, prev_hash, row_hash, actor_id from audit_log order by seq',
    );
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3]);
    expect(rows[0]?.prev_hash).toBe(genesisHash);
    expect(rows[1]?.prev_hash).toBe(rows[0]?.row_hash);
    expect(rows[2]?.prev_hash).toBe(rows[1]?.row_hash);
    expect(rows.map((row) => row.actor_id)).toEqual([staffId, null, null]);
  });

  it('reads an empty log as intact, and refuses a batch size that is not a positive integer', async () => {
    expect(await verifyAuditChain(db)).toEqual({ status: 'intact', entries: 0 });
    await expect(verifyAuditChain(db, 0)).rejects.toThrow(RangeError);
    await expect(verifyAuditChain(db, 1.5)).rejects.toThrow(RangeError);
  });

  it('hashes the detail whatever order its keys come in, or come back from jsonb in', async () => {
    // jsonb gives shorter keys first: "zz" before "a" is not how it is stored.
    await append(entry('x', { detail: { zz: 1, a: 'two', m: null, b: true } }));
    await append(entry('x', { detail: { b: true, m: null, a: 'two', zz: 1 } }));
    expect(await verifyAuditChain(db)).toEqual({ status: 'intact', entries: 2 });
    const [first] = await db.query<{ row_hash: string }>('select row_hash from audit_log where seq = 1');
    const at = (await db.query<{ at: Date }>('select at from audit_log where seq = 1'))[0]?.at ?? new Date(0);
    expect(first?.row_hash).toBe(
      auditRowHash(genesisHash, {
        seq: 1,
        at,
        actorKind: 'staff',
        actorId: staffId,
        action: 'x',
        subject: 'AQ-2025-000123',
        district: 'almaty',
        ip: '203.0.113.7',
        detail: { a: 'two', b: true, m: null, zz: 1 },
      }),
    );
  });

  it('keeps the staff id as PostgreSQL spells it, so the hash still holds', async () => {
    await append(entry('x', { actor: { kind: 'staff', id: staffId.toUpperCase() } }));
    expect(await verifyAuditChain(db)).toEqual({ status: 'intact', entries: 1 });
  });

  it('refuses an entry it could not check later, before writing anything', async () => {
    await expect(append(entry('x', { actor: { kind: 'staff', id: 'not-a-uuid' } }))).rejects.toThrow(/uuid/);
    await expect(append(entry('x', { detail: { n: Number.NaN } }))).rejects.toThrow(TypeError);
    expect(await db.query('select 1 from audit_log')).toEqual([]);
  });

  it('writes nothing when the transaction it is in fails, and leaves no hole', async () => {
    await append(entry('first'));
    await expect(
      db.transaction(async (tx) => {
        await appendAudit(tx, entry('rolled back'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await append(entry('second'));
    expect(await verifyAuditChain(db)).toEqual({ status: 'intact', entries: 2 });
    expect(await db.query('select seq, action from audit_log order by seq')).toEqual([
      { seq: 1, action: 'first' },
      { seq: 2, action: 'second' },
    ]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE, even from the connecting user', async () => {
    await append(entry('x'));
    await expect(db.query("update audit_log set action = 'y'")).rejects.toThrow(/append-only/);
    await expect(db.query('delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(db.query('truncate audit_log')).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(db)).toEqual({ status: 'intact', entries: 1 });
  });

  it('lets the desk role append and read, never change or remove', async () => {
    const asDesk = <T>(work: (tx: Queryable) => Promise<T>) =>
      db.transaction(async (tx) => {
        await tx.query('set local role alaqan_desk');
        return work(tx);
      });
    await asDesk((tx) => appendAudit(tx, entry('application.read')));
    await asDesk((tx) => appendAudit(tx, entry('application.read')));
    await expect(asDesk((tx) => tx.query("update audit_log set action = 'y'"))).rejects.toThrow(/permission denied/);
    await expect(asDesk((tx) => tx.query('delete from audit_log'))).rejects.toThrow(/permission denied/);
    expect(await asDesk((tx) => verifyAuditChain(tx))).toEqual({ status: 'intact', entries: 2 });
  });

  it('names a changed row', async () => {
    for (const action of ['a', 'b', 'c', 'd', 'e']) await append(entry(action));
    await behindTheTriggers(() => db.query("update audit_log set action = 'forged' where seq = 2"));
    const check = await verifyAuditChain(db);
    expect(check).toMatchObject({ status: 'broken', seq: 2 });
    if (check.status === 'broken') expect(check.reason).toMatch(/changed/);
    // The same, when the row is in a later batch than the first.
    expect(await verifyAuditChain(db, 1)).toMatchObject({ status: 'broken', seq: 2 });
  });

  it('names a changed row whose hash was made again, at the row after it', async () => {
    for (const action of ['a', 'b', 'c', 'd', 'e']) await append(entry(action));
    const [row] = await db.query<{ at: Date; prev_hash: string }>('select at, prev_hash from audit_log where seq = 4');
    if (!row) throw new Error('no row 4');
    const forged = auditRowHash(row.prev_hash, {
      seq: 4,
      at: row.at,
      actorKind: 'staff',
      actorId: staffId,
      action: 'forged',
      subject: 'AQ-2025-000123',
      district: 'almaty',
      ip: '203.0.113.7',
      detail: { reason: 'review' },
    });
    await behindTheTriggers(() =>
      db.query("update audit_log set action = 'forged', row_hash = $1 where seq = 4", [forged]),
    );
    const check = await verifyAuditChain(db, 2);
    expect(check).toMatchObject({ status: 'broken', seq: 5 });
    if (check.status === 'broken') expect(check.reason).toMatch(/prev_hash/);
  });

  it('names the row after a removed one', async () => {
    for (const action of ['a', 'b', 'c']) await append(entry(action));
    await behindTheTriggers(() => db.query('delete from audit_log where seq = 2'));
    const check = await verifyAuditChain(db);
    expect(check).toMatchObject({ status: 'broken', seq: 3 });
    if (check.status === 'broken') expect(check.reason).toMatch(/entry 2 is missing/);
  });

  it('names the first row when the first was removed', async () => {
    for (const action of ['a', 'b']) await append(entry(action));
    await behindTheTriggers(() => db.query('delete from audit_log where seq = 1'));
    expect(await verifyAuditChain(db)).toMatchObject({ status: 'broken', seq: 2 });
  });

  it('keeps one chain when ten transactions append at once', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, index) => db.transaction((tx) => appendAudit(tx, entry(`concurrent ${index}`)))),
    );
    expect(await verifyAuditChain(db, 3)).toEqual({ status: 'intact', entries: 10 });
    const rows = await db.query<{ seq: number }>('select seq from audit_log order by seq');
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
