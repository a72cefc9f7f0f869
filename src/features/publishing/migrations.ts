/** The publishing webhook's table (run by `src/platform/db/migrate.ts`). */
import type { Migration } from '../../platform/db/migrate.ts';

export const publishingMigrations: readonly Migration[] = [
  {
    id: '0006_webhook_deliveries',
    sql: `
      -- Signed publishing-webhook deliveries, by the SHA-256 of their signature header: a replayed
      -- call is recognised and starts no second rebuild. "starting" while the rebuild is being
      -- started (the row is deleted if that fails, so Sanity's retry acts), then "done". The claim
      -- token says which attempt holds the row. Rows are deleted an hour after they arrive, long
      -- after their signature has stopped being accepted.
      create table webhook_deliveries (
        signature_hash text primary key,
        state text not null check (state in ('starting', 'done')),
        claim uuid not null,
        claimed_at timestamptz not null,
        received_at timestamptz not null
      );
      create index webhook_deliveries_by_age on webhook_deliveries (received_at);
    `,
  },
];
