/**
 * The tables of sign-in and sessions (run by `src/platform/db/migrate.ts`). Sessions belong to a
 * principal of one kind (applicant, learner, staff); only applicants have a table of their own so
 * far, and their sessions keep a foreign key to it, so deleting an applicant ends their sessions.
 */
import type { Migration } from '../../platform/db/migrate.ts';

export const authMigrations: readonly Migration[] = [
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
    id: '0008_session_principals',
    sql: `
      -- A session is a principal's: an applicant's (all sessions so far), a learner's of the School,
      -- or a staff member's of the desk, each kind with its own timeouts (src/features/auth/policy.ts).
      -- mfa_verified_at says when the session's second factor was checked (staff), null before.
      alter table sessions
        add column principal_kind text not null default 'applicant'
          check (principal_kind in ('applicant', 'learner', 'staff')),
        add column principal_id uuid,
        add column mfa_verified_at timestamptz;
      update sessions set principal_id = applicant_id;
      alter table sessions
        alter column principal_kind drop default,
        alter column principal_id set not null,
        alter column applicant_id drop not null;
      -- applicant_id stays for its foreign key (an applicant deleted, their sessions go too): it is
      -- the principal's id for an applicant's session, and null for any other.
      alter table sessions add constraint sessions_applicant_is_principal check (
        (principal_kind = 'applicant') = (applicant_id is not null)
        and (applicant_id is null or applicant_id = principal_id)
      );
      create index sessions_by_principal on sessions (principal_kind, principal_id);
    `,
  },
];
