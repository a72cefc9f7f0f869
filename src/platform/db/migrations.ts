/**
 * The database schema, as an ordered list of migrations. Each runs once, in a transaction, when
 * the server starts; a migration that has run is never edited: add a new one.
 */
import type { Database } from './database.ts';

export interface Migration {
  id: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
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
  {
    id: '0002_sign_in',
    sql: `
      create table applicants (
        id uuid primary key default gen_random_uuid(),
        email text not null unique,
        locale text not null check (locale in ('kk', 'ru', 'en')),
        created_at timestamptz not null default now()
      );

      -- A sign-in code and link, kept only as hashes, valid for minutes and used once.
      create table sign_in_requests (
        id uuid primary key default gen_random_uuid(),
        email text not null,
        locale text not null check (locale in ('kk', 'ru', 'en')),
        code_hash text not null,
        link_hash text not null unique,
        ip_hash text not null,
        attempts integer not null default 0,
        expires_at timestamptz not null,
        used_at timestamptz,
        created_at timestamptz not null default now()
      );
      create index sign_in_requests_by_email on sign_in_requests (email, created_at);
      create index sign_in_requests_by_ip on sign_in_requests (ip_hash, created_at);

      -- Sessions, kept by the hash of the cookie's token.
      create table sessions (
        token_hash text primary key,
        applicant_id uuid not null references applicants (id) on delete cascade,
        created_at timestamptz not null default now(),
        last_seen_at timestamptz not null default now(),
        expires_at timestamptz not null
      );
    `,
  },
  {
    id: '0003_applications',
    sql: `
      -- The stages of an application, with their names in each language: data that can be
      -- reworded without a release.
      create table application_statuses (
        code text primary key,
        position integer not null unique,
        label_kk text not null,
        label_ru text not null,
        label_en text not null
      );
      insert into application_statuses (code, position, label_kk, label_ru, label_en) values
        ('submitted', 1, 'Өтініш берілді', 'Заявление подано', 'Submitted'),
        ('in-review', 2, 'Қаралуда', 'На рассмотрении', 'In review'),
        ('documents-requested', 3, 'Құжаттар сұралды', 'Запрошены документы', 'Documents requested'),
        ('invited-to-school', 4, 'Асырап алушы ата-аналар мектебіне шақырылды', 'Приглашение в Школу приемных родителей', 'Invited to the School of adoptive parents'),
        ('training-completed', 5, 'Оқу аяқталды', 'Обучение пройдено', 'Training completed'),
        ('home-visit', 6, 'Тұрғын үй жағдайын тексеру', 'Обследование жилищных условий', 'Home visit'),
        ('conclusion', 7, 'Қорытынды берілді', 'Заключение выдано', 'Conclusion issued'),
        ('closed', 8, 'Жабылды', 'Закрыто', 'Closed'),
        ('withdrawn', 9, 'Кері қайтарылды', 'Отозвано заявителем', 'Withdrawn');

      create table applications (
        id uuid primary key default gen_random_uuid(),
        applicant_id uuid not null references applicants (id) on delete cascade,
        form text not null,
        locale text not null check (locale in ('kk', 'ru', 'en')),
        answers jsonb not null default '{}'::jsonb,
        -- Null while the application is a draft; set when it is submitted.
        reference text unique,
        status text references application_statuses (code),
        submitted_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create index applications_by_applicant on applications (applicant_id);

      -- Every change of stage, with what the authority asks of the applicant, if anything.
      create table application_events (
        id uuid primary key default gen_random_uuid(),
        application_id uuid not null references applications (id) on delete cascade,
        status text not null references application_statuses (code),
        note text,
        created_at timestamptz not null default now()
      );
      create index application_events_by_application on application_events (application_id, created_at);
    `,
  },
  {
    id: '0004_documents',
    sql: `
      -- Documents an applicant uploads: the file is kept under a random name outside the served
      -- files; this row says whose it is and what it is.
      create table documents (
        id uuid primary key default gen_random_uuid(),
        application_id uuid not null references applications (id) on delete cascade,
        kind text not null,
        original_name text not null,
        stored_name text not null unique,
        media_type text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png')),
        size_bytes integer not null check (size_bytes > 0),
        created_at timestamptz not null default now()
      );
      create index documents_by_application on documents (application_id);
    `,
  },
  {
    id: '0005_portal_identity',
    sql: `
      -- This database's own id. The uploads folder carries it in a marker file, and files without a
      -- document row are swept only from a folder marked with it: a server started against another,
      -- an empty or a restored database never deletes real documents.
      create table portal_identity (
        singleton boolean primary key default true check (singleton),
        id uuid not null default gen_random_uuid()
      );
      insert into portal_identity default values;
    `,
  },
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
  {
    id: '0007_upload_log',
    sql: `
      -- One row per document an applicant uploaded, for the hourly limit on uploads. Counted here
      -- and not from documents, because a document removed from a draft leaves no row there: an
      -- upload-and-remove loop would escape the limit. Rows older than the hour are pruned at the
      -- applicant's next upload.
      create table upload_log (
        applicant_id uuid not null references applicants (id) on delete cascade,
        created_at timestamptz not null default now()
      );
      create index upload_log_by_applicant on upload_log (applicant_id, created_at);
    `,
  },
];

/** A number both PostgreSQL and PGlite lock on, so two servers starting at once migrate in turn. */
const migrationLock = 707_107;

/** Applies the migrations that have not run yet; returns their ids. */
export async function migrate(db: Database, all: readonly Migration[] = migrations): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [migrationLock]);
    await tx.query(`create table if not exists schema_migrations (
      id text primary key,
      applied_at timestamptz not null default now()
    )`);
    const done = new Set((await tx.query<{ id: string }>('select id from schema_migrations')).map((row) => row.id));
    const applied: string[] = [];
    for (const migration of all) {
      if (done.has(migration.id)) continue;
      await tx.execute(migration.sql);
      await tx.query('insert into schema_migrations (id) values ($1)', [migration.id]);
      applied.push(migration.id);
    }
    return applied;
  });
}
