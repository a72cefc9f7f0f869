/** The email outbox and the development mailbox (run by `src/platform/db/migrate.ts`). */
import type { Migration } from '../db/migrate.ts';

export const emailMigrations: readonly Migration[] = [
  {
    id: '0001_outbox',
    sql: `
      -- Emails are written here in the same transaction as the change they announce, and sent
      -- by a worker that retries: an email is never lost because the mail service was down.
      create table email_outbox (
        id uuid primary key default gen_random_uuid(),
        recipient text not null,
        locale text not null check (locale in ('kk', 'ru', 'en')),
        template text not null,
        data jsonb not null default '{}'::jsonb,
        attempts integer not null default 0,
        next_attempt_at timestamptz not null default now(),
        last_error text,
        sent_at timestamptz,
        created_at timestamptz not null default now()
      );
      create index email_outbox_due on email_outbox (next_attempt_at) where sent_at is null;

      -- The development mailbox: where emails go when no mail service is configured.
      create table dev_mailbox (
        id uuid primary key,
        recipient text not null,
        subject text not null,
        text_body text not null,
        html_body text not null,
        received_at timestamptz not null default now()
      );
    `,
  },
];
