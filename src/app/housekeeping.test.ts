import { describe, expect, it } from 'vitest';
import { testDatabases, useMigratedDatabase } from '../../tests/support/databases.ts';
import { pruneExpired } from './housekeeping.ts';

const now = new Date('2026-12-10T12:00:00Z');
const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();

describe.each(testDatabases)('housekeeping on $name', (backend) => {
  const database = useMigratedDatabase(backend);

  it('removes what has expired, and keeps what may still be used', async () => {
    const db = database();
    const [applicant] = await db.query<{ id: string }>(
      "insert into applicants (email, locale) values ('kept@example.kz', 'kk') returning id",
    );
    const session = (hash: string, expires: string) =>
      db.query(
        `insert into sessions (token_hash, principal_kind, principal_id, applicant_id, created_at, last_seen_at, expires_at)
         values ($1, 'applicant', $2, $2, $3, $3, $3)`,
        [hash, applicant?.id, expires],
      );
    await session('old', ago(30));
    await session('live', ago(-2));
    const request = (created: string) =>
      db.query(
        `insert into sign_in_requests (email, locale, code_hash, link_hash, ip_hash, expires_at, created_at)
         values ('a@example.kz', 'kk', 'c', $1, 'ip', $2, $2)`,
        [`link-${created}`, created],
      );
    await request(ago(48));
    await request(ago(0.5));
    await db.query(
      "insert into staff_challenges (purpose, challenge, expires_at) values ('authenticate', 'old', $1), ('authenticate', 'new', $2)",
      [ago(1), ago(-0.05)],
    );
    await db.query(
      `insert into email_outbox (recipient, locale, template, sent_at, created_at) values
         ('sent-long-ago@example.kz', 'kk', 'sign-in-code', $1, $1),
         ('sent-today@example.kz', 'kk', 'sign-in-code', $2, $2),
         ('never-sent@example.kz', 'kk', 'sign-in-code', null, $1)`,
      [ago(24 * 8), ago(2)],
    );

    expect(await pruneExpired(db, now)).toEqual({ sessions: 1, signInRequests: 1, staffChallenges: 1, sentEmails: 1 });
    expect(await db.query('select token_hash from sessions')).toEqual([{ token_hash: 'live' }]);
    expect((await db.query('select 1 from sign_in_requests')).length).toBe(1);
    expect(await db.query('select challenge from staff_challenges')).toEqual([{ challenge: 'new' }]);
    expect(
      (await db.query<{ recipient: string }>('select recipient from email_outbox order by recipient')).map(
        (row) => row.recipient,
      ),
    ).toEqual(['never-sent@example.kz', 'sent-today@example.kz']);
    // Nothing left to remove: a second run removes nothing.
    expect(await pruneExpired(db, now)).toEqual({ sessions: 0, signInRequests: 0, staffChallenges: 0, sentEmails: 0 });
  });
});
