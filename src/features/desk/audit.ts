/**
 * The desk's audit log: every staff action and every read of personal data, as who, what, when
 * and from where, never the data itself. Rows are only ever added (the triggers of migration
 * 0013 refuse UPDATE, DELETE and TRUNCATE, and the desk's role may only SELECT and INSERT), and
 * each row's hash covers the hash of the row before it, so a row changed or removed behind the
 * triggers' back (by a superuser, or on the disk) breaks the chain: `verifyAuditChain` (and
 * `npm run audit:verify`) finds the first broken entry.
 *
 * The numbering is the chain's own: each append takes the last `seq` plus one under a lock
 * (`overriding system value`, which the desk's role may use with its INSERT privilege), not the
 * identity sequence, which leaves holes behind rolled-back transactions. So `seq` has no holes,
 * and it is hashed: a hole is a removed row. What the chain alone cannot show is the removal of
 * the newest rows; a count of entries noted earlier (the check prints it) would.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../../platform/db/database.ts';

export type AuditActorKind = 'staff' | 'system' | 'anonymous';

/** Facts about an action (ids, counts, a reason code), never personal data itself. */
export type AuditDetail = Record<string, string | number | boolean | null>;

export interface AuditEntry {
  at: Date;
  actor: { kind: 'staff'; id: string } | { kind: 'system' } | { kind: 'anonymous' };
  /** What was done: `application.read`, `application.assign`, `queue.export`… */
  action: string;
  /** What it was done to: an application's reference, a staff id… */
  subject?: string | undefined;
  district?: string | undefined;
  ip?: string | undefined;
  detail?: AuditDetail | undefined;
}

/** Everything of a row that its hash covers: the row as it is stored. */
export interface AuditHashInput {
  seq: number;
  at: Date;
  actorKind: AuditActorKind;
  actorId: string | null;
  action: string;
  subject: string | null;
  district: string | null;
  ip: string | null;
  detail: AuditDetail;
}

/**
 * JSON in one spelling only (RFC 8785-style): object keys sorted by UTF-16 code units, no
 * whitespace, strings and numbers as JSON.stringify writes them. jsonb gives an object's keys
 * back in an order of its own, so a hash over JSON needs one spelling to be checkable later.
 * Throws on what JSON cannot hold faithfully (undefined in an array, functions, non-finite
 * numbers, bigints, lone surrogates, objects other than plain ones, cycles) rather than write
 * something else than was meant; an undefined object member is left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return canonical(value, new Set());
}

function canonical(value: unknown, open: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${String(value)} is not a JSON number`);
      return JSON.stringify(value);
    case 'string':
      // I-JSON (RFC 7493), which RFC 8785 builds on, has no lone surrogates; PostgreSQL refuses them too.
      if (!value.isWellFormed()) throw new TypeError('canonicalJson: a string holds a lone surrogate');
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON`);
  }
  if (open.has(value)) throw new TypeError('canonicalJson: the value refers to itself');
  open.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value
        .map((item: unknown, index) => {
          if (item === undefined) throw new TypeError(`canonicalJson: entry ${String(index)} of an array is undefined`);
          return canonical(item, open);
        })
        .join(',')}]`;
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    // A Date, a Map or a class instance would each come out as something else than it is.
    if (prototype !== Object.prototype && prototype !== null)
      throw new TypeError('canonicalJson: only plain objects and arrays are JSON');
    const record = value as Record<string, unknown>;
    // The default sort compares UTF-16 code units, which is the order RFC 8785 asks for.
    const members = Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical(record[key], open)}`);
    return `{${members.join(',')}}`;
  } finally {
    open.delete(value);
  }
}

/** The `prev_hash` of the first row. */
export const genesisHash = '0'.repeat(64);

/** A row's hash: SHA-256 (hex) of the hash before it and the row's canonical JSON. */
export function auditRowHash(prevHash: string, entry: AuditHashInput): string {
  // Named one by one, so that nothing else the caller's object holds is hashed.
  const covered = {
    seq: entry.seq,
    at: entry.at.toISOString(),
    actorKind: entry.actorKind,
    actorId: entry.actorId,
    action: entry.action,
    subject: entry.subject,
    district: entry.district,
    ip: entry.ip,
    detail: entry.detail,
  };
  return createHash('sha256')
    .update(prevHash + canonicalJson(covered))
    .digest('hex');
}

/**
 * The advisory lock every appender takes, in every process and on every server sharing the
 * database: one chain, one writer at a time. Any fixed number unused elsewhere (the migrations
 * lock 707107).
 */
const auditChainLock = 707_113;

const uuidFormat = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A staff id as PostgreSQL gives a uuid back (lower case, hyphenated): the hash is checked
 * against what is read back, so it must be made over the same spelling.
 */
function storedUuid(id: string): string {
  if (!uuidFormat.test(id)) throw new TypeError(`appendAudit: the staff id ${JSON.stringify(id)} is not a uuid`);
  return id.toLowerCase();
}

/**
 * Adds an entry to the log. Call it inside the transaction of the change it records, so that
 * both are written or neither, and late in it: the chain's lock is held from here until the
 * commit, and every other audited transaction waits for it. The transaction must be READ
 * COMMITTED (the default), so the last row is read after the lock is had; under REPEATABLE READ
 * a snapshot taken earlier would give a stale last row, and the insert would fail on the
 * duplicate seq (the chain never forks).
 */
export async function appendAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  const detail = entry.detail ?? {};
  // Whatever cannot be hashed fails here, before the lock is taken.
  const detailJson = canonicalJson(detail);
  const stored = {
    at: entry.at,
    actorKind: entry.actor.kind,
    actorId: entry.actor.kind === 'staff' ? storedUuid(entry.actor.id) : null,
    action: entry.action,
    subject: entry.subject ?? null,
    district: entry.district ?? null,
    ip: entry.ip ?? null,
    detail,
  };
  await tx.query('select pg_advisory_xact_lock($1::bigint)', [auditChainLock]);
  const [last] = await tx.query<{ seq: number; row_hash: string }>(
    'select seq, row_hash from audit_log order by seq desc limit 1',
  );
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.row_hash ?? genesisHash;
  const rowHash = auditRowHash(prevHash, { seq, ...stored });
  await tx.query(
    `insert into audit_log (seq, at, actor_kind, actor_id, action, subject, district, ip, detail, prev_hash, row_hash)
     overriding system value
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
    [
      seq,
      stored.at,
      stored.actorKind,
      stored.actorId,
      stored.action,
      stored.subject,
      stored.district,
      stored.ip,
      detailJson,
      prevHash,
      rowHash,
    ],
  );
}

export type ChainCheck = { status: 'intact'; entries: number } | { status: 'broken'; seq: number; reason: string };

interface StoredRow {
  seq: number;
  at: Date;
  actor_kind: AuditActorKind;
  actor_id: string | null;
  action: string;
  subject: string | null;
  district: string | null;
  ip: string | null;
  detail: AuditDetail;
  prev_hash: string;
  row_hash: string;
}

/**
 * Reads the whole log in seq order, `batch` rows at a time (the log only grows, so memory stays
 * flat however long it is), and names the first entry where the chain breaks: a hole in the
 * numbering (rows removed), a prev_hash that is not the hash of the row before (a row removed
 * or put in), or a hash that does not match the row (a row changed).
 */
export async function verifyAuditChain(db: Queryable, batch = 1000): Promise<ChainCheck> {
  if (!Number.isSafeInteger(batch) || batch < 1)
    throw new RangeError('verifyAuditChain: batch must be a positive integer');
  let entries = 0;
  let prevHash = genesisHash;
  // The cursor starts below any bigint a row could have been given, so no row is passed over.
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const rows = await db.query<StoredRow>(
      `select seq, at, actor_kind, actor_id, action, subject, district, ip, detail, prev_hash, row_hash
       from audit_log where seq > $1 order by seq limit $2`,
      [after, batch],
    );
    for (const row of rows) {
      const expected = entries + 1;
      if (row.seq !== expected) {
        const missing = row.seq > expected + 1 ? `entries ${expected} to ${row.seq - 1} are` : `entry ${expected} is`;
        return {
          status: 'broken',
          seq: row.seq,
          reason: row.seq > expected ? `${missing} missing` : `numbered ${row.seq} where entry ${expected} belongs`,
        };
      }
      if (row.prev_hash !== prevHash) {
        return {
          status: 'broken',
          seq: row.seq,
          reason:
            expected === 1
              ? 'its prev_hash is not the genesis hash: the first entry is not the first written'
              : `its prev_hash is not the hash of entry ${expected - 1}: the chain was cut or spliced there`,
        };
      }
      const hash = auditRowHash(row.prev_hash, {
        seq: row.seq,
        at: row.at,
        actorKind: row.actor_kind,
        actorId: row.actor_id,
        action: row.action,
        subject: row.subject,
        district: row.district,
        ip: row.ip,
        detail: row.detail,
      });
      if (hash !== row.row_hash)
        return { status: 'broken', seq: row.seq, reason: 'its contents do not match its hash: it was changed' };
      entries = expected;
      prevHash = row.row_hash;
      after = row.seq;
    }
    if (rows.length < batch) return { status: 'intact', entries };
  }
}
