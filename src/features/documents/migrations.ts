/** The documents' tables (run by `src/platform/db/migrate.ts`, after the applications'). */
import type { Migration } from '../../platform/db/migrate.ts';

export const documentMigrations: readonly Migration[] = [
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
