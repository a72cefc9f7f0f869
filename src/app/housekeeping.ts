/**
 * Records the portal no longer needs, removed on a schedule (hourly, from `runtime.ts`): they
 * carry addresses, hashes of codes and network addresses, and nothing should keep them longer than
 * their use. Each rule says why its period is safe.
 */
import type { Queryable } from '../platform/db/database.ts';

export interface Pruned {
  sessions: number;
  signInRequests: number;
  staffChallenges: number;
  sentEmails: number;
}

const dayMs = 86_400_000;
const before = (now: Date, days: number) => new Date(now.getTime() - days * dayMs).toISOString();

/** Removes what has expired; returns how many rows of each kind. */
export async function pruneExpired(db: Queryable, now: Date): Promise<Pruned> {
  const count = async (sql: string, params: unknown[]) => (await db.query(`${sql} returning 1`, params)).length;
  return {
    // A session opens nothing after its absolute end (12 h at most): a day later it is only a record.
    sessions: await count('delete from sessions where expires_at < $1', [before(now, 1)]),
    // Sign-in requests count for the hourly limit and work for 10 minutes: a day is ample.
    signInRequests: await count('delete from sign_in_requests where created_at < $1', [before(now, 1)]),
    // A passkey challenge works for 5 minutes, once.
    staffChallenges: await count('delete from staff_challenges where expires_at < $1', [now.toISOString()]),
    // A sent email waits in the outbox only so that a retry is never sent twice; a week after it
    // went, its address and text have no use. An email not yet sent is never removed.
    sentEmails: await count('delete from email_outbox where sent_at is not null and sent_at < $1', [before(now, 7)]),
  };
}
