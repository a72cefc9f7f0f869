/**
 * The caseworkers' desk: staff and their factors, the work on an application (assignee, due date,
 * events only staff see), the second lock on district scope (row-level security for the role the
 * desk's queries run as) and the append-only audit log. Run after the school's (0011).
 */
import type { Migration } from '../../platform/db/migrate.ts';

export const deskMigrations: readonly Migration[] = [
  {
    id: '0012_staff',
    sql: `
      -- Members of staff. Never self-registered: an administrator invites them (staff_invitations)
      -- and they enrol their factors. Secrets are kept only as hashes (password: argon2id) or, for
      -- TOTP, as the shared secret the code is computed from.
      create table staff (
        id uuid primary key default gen_random_uuid(),
        email text not null unique,
        name text not null,
        role text not null check (role in ('caseworker', 'head', 'administrator', 'psychologist')),
        -- The districts (content keys) this member works for; an administrator's scope is the region.
        districts text[] not null default '{}',
        locale text not null default 'kk' check (locale in ('kk', 'ru', 'en')),
        password_hash text,
        totp_secret text,
        -- The last TOTP time step accepted: a code is accepted once (ASVS 6.5.1).
        totp_last_step bigint,
        failed_sign_ins integer not null default 0,
        locked_until timestamptz,
        enrolled_at timestamptz,
        active boolean not null default true,
        deactivated_at timestamptz,
        created_at timestamptz not null default now()
      );

      -- An emailed invitation: single use, valid for days, kept as a hash.
      create table staff_invitations (
        id uuid primary key default gen_random_uuid(),
        staff_id uuid not null references staff (id) on delete cascade,
        token_hash text not null unique,
        expires_at timestamptz not null,
        used_at timestamptz,
        created_by uuid references staff (id),
        created_at timestamptz not null default now()
      );

      -- Passkeys (WebAuthn credentials).
      create table staff_passkeys (
        id text primary key,
        staff_id uuid not null references staff (id) on delete cascade,
        public_key bytea not null,
        counter bigint not null default 0,
        transports text[] not null default '{}',
        created_at timestamptz not null default now(),
        last_used_at timestamptz
      );
      create index staff_passkeys_by_staff on staff_passkeys (staff_id);

      -- One-time recovery codes, shown once, kept hashed (argon2id, salted).
      create table staff_recovery_codes (
        id uuid primary key default gen_random_uuid(),
        staff_id uuid not null references staff (id) on delete cascade,
        code_hash text not null,
        used_at timestamptz
      );
      create index staff_recovery_codes_by_staff on staff_recovery_codes (staff_id);

      -- WebAuthn challenges, each used once and for minutes.
      create table staff_challenges (
        id uuid primary key default gen_random_uuid(),
        staff_id uuid references staff (id) on delete cascade,
        purpose text not null check (purpose in ('register', 'authenticate')),
        challenge text not null,
        expires_at timestamptz not null,
        used_at timestamptz
      );

      -- How many days each stage of the queue may take: data the regional administrator sets, with
      -- the act that fixes it where one does. A stage without a row has no due date of its own.
      create table desk_stage_limits (
        stage text primary key,
        days integer not null check (days between 1 and 365),
        source text,
        updated_by uuid references staff (id),
        updated_at timestamptz not null default now()
      );

      -- The work on an application: who has it, since when it is in its stage, when the stage is due
      -- (the stage's limit, or the deadline of a request to the applicant) and when the home visit
      -- was recorded (a home visit stage with its visit recorded waits for the conclusion).
      alter table applications
        add column assignee_id uuid references staff (id),
        add column stage_entered_at timestamptz,
        add column due_at timestamptz,
        add column visit_recorded_at timestamptz;
      update applications set stage_entered_at = coalesce(updated_at, submitted_at) where reference is not null;
      create index applications_queue on applications (district, status, due_at) where reference is not null;
      create index applications_by_assignee on applications (assignee_id) where reference is not null;

      -- Events are of kinds now, and some are internal (never shown to the applicant). status stays
      -- the application's stage when the event happened.
      alter table application_events
        add column kind text not null default 'status'
          check (kind in ('status', 'request', 'note', 'assignment', 'school', 'visit', 'conclusion', 'upload')),
        add column internal boolean not null default false,
        add column due_on date,
        add column detail jsonb;
      create index application_events_timeline on application_events (application_id, created_at desc);
    `,
  },
  {
    id: '0013_audit_log',
    sql: `
      -- Every staff action and every read of personal data or documents: who, what, when, from
      -- where; never the data itself. Each row's hash covers the one before (a chain that
      -- npm run audit:verify checks). Nobody may change or remove a row (the triggers below).
      create table audit_log (
        seq bigint generated always as identity primary key,
        at timestamptz not null,
        actor_kind text not null check (actor_kind in ('staff', 'system', 'anonymous')),
        actor_id uuid,
        action text not null,
        subject text,
        district text,
        ip text,
        detail jsonb not null default '{}'::jsonb,
        prev_hash text not null,
        row_hash text not null unique
      );

      create function audit_log_is_append_only() returns trigger language plpgsql as $fn$
      begin
        raise exception 'audit_log is append-only: rows are never changed or removed';
      end
      $fn$;
      create trigger audit_log_no_update before update or delete on audit_log
        for each row execute function audit_log_is_append_only();
      create trigger audit_log_no_truncate before truncate on audit_log
        for each statement execute function audit_log_is_append_only();
    `,
  },
  {
    id: '0014_desk_role',
    sql: `
      -- The role the desk's queries run as (SET LOCAL ROLE in each transaction): no login, no
      -- superuser, no BYPASSRLS. Row-level security below lets it see only the districts named in
      -- the transaction's app.desk_districts; with none set it sees nothing.
      do $do$
      begin
        if not exists (select 1 from pg_roles where rolname = 'alaqan_desk') then
          create role alaqan_desk nologin nosuperuser nobypassrls;
        end if;
        -- The role that connects must be able to become it.
        if not exists (
          select 1 from pg_auth_members m join pg_roles r on r.oid = m.roleid
          where r.rolname = 'alaqan_desk' and m.member = (select oid from pg_roles where rolname = current_user)
        ) and not (select rolsuper from pg_roles where rolname = current_user) then
          execute format('grant alaqan_desk to %I', current_user);
        end if;
        execute format('grant usage on schema %I to alaqan_desk', current_schema());
      end
      $do$;

      create function desk_districts() returns text[] language sql stable as $fn$
        select coalesce(string_to_array(nullif(current_setting('app.desk_districts', true), ''), ','), '{}'::text[])
      $fn$;

      grant select on applications, application_events, application_statuses, documents, applicants,
        desk_stage_limits, school_learners, school_lessons, school_time, school_attempts,
        school_group_sessions, school_certificates to alaqan_desk;
      grant update (status, updated_at, assignee_id, stage_entered_at, due_at, visit_recorded_at) on applications to alaqan_desk;
      grant insert on application_events, email_outbox, audit_log to alaqan_desk;
      grant select (id) on email_outbox to alaqan_desk;
      grant select on audit_log to alaqan_desk;
      grant select (id, name, role, districts, active) on staff to alaqan_desk;

      alter table applications enable row level security;
      create policy desk_scope on applications to alaqan_desk
        using (reference is not null and district = any (desk_districts()))
        with check (reference is not null and district = any (desk_districts()));

      alter table application_events enable row level security;
      create policy desk_scope on application_events to alaqan_desk
        using (exists (select 1 from applications a where a.id = application_events.application_id))
        with check (exists (select 1 from applications a where a.id = application_events.application_id));

      alter table documents enable row level security;
      create policy desk_scope on documents to alaqan_desk
        using (exists (select 1 from applications a where a.id = documents.application_id));

      alter table applicants enable row level security;
      create policy desk_scope on applicants to alaqan_desk
        using (exists (select 1 from applications a where a.applicant_id = applicants.id));

      alter table school_learners enable row level security;
      create policy desk_scope on school_learners to alaqan_desk
        using (exists (select 1 from applications a where a.applicant_id = school_learners.applicant_id));
      alter table school_lessons enable row level security;
      create policy desk_scope on school_lessons to alaqan_desk
        using (exists (select 1 from applications a where a.applicant_id = school_lessons.applicant_id));
      alter table school_time enable row level security;
      create policy desk_scope on school_time to alaqan_desk
        using (exists (select 1 from applications a where a.applicant_id = school_time.applicant_id));
      alter table school_attempts enable row level security;
      create policy desk_scope on school_attempts to alaqan_desk
        using (exists (select 1 from applications a where a.applicant_id = school_attempts.applicant_id));
      alter table school_group_sessions enable row level security;
      create policy desk_scope on school_group_sessions to alaqan_desk
        using (exists (select 1 from applications a where a.applicant_id = school_group_sessions.applicant_id));
      alter table school_certificates enable row level security;
      create policy desk_scope on school_certificates to alaqan_desk
        using (exists (select 1 from applications a where a.applicant_id = school_certificates.applicant_id));
    `,
  },
  {
    id: '0015_desk_learners',
    sql: `
      -- The school's learners of a district are the desk's (the psychologist's) even before they
      -- apply: a learner is seen by their own district, or through an application in scope. Their
      -- lessons, time, attempts and sessions follow the learner. The psychologist records group
      -- sessions.
      drop policy desk_scope on school_learners;
      create policy desk_scope on school_learners to alaqan_desk
        using (district = any (desk_districts())
          or exists (select 1 from applications a where a.applicant_id = school_learners.applicant_id));
      drop policy desk_scope on school_lessons;
      create policy desk_scope on school_lessons to alaqan_desk
        using (exists (select 1 from school_learners l where l.applicant_id = school_lessons.applicant_id));
      drop policy desk_scope on school_time;
      create policy desk_scope on school_time to alaqan_desk
        using (exists (select 1 from school_learners l where l.applicant_id = school_time.applicant_id));
      drop policy desk_scope on school_attempts;
      create policy desk_scope on school_attempts to alaqan_desk
        using (exists (select 1 from school_learners l where l.applicant_id = school_attempts.applicant_id));
      drop policy desk_scope on school_group_sessions;
      create policy desk_scope on school_group_sessions to alaqan_desk
        using (exists (select 1 from school_learners l where l.applicant_id = school_group_sessions.applicant_id))
        with check (exists (select 1 from school_learners l where l.applicant_id = school_group_sessions.applicant_id));
      grant insert on school_group_sessions to alaqan_desk;
    `,
  },
  {
    id: '0016_staff_sign_in_limits',
    sql: `
      -- The TOTP secret an invitation page showed, kept here until the code is typed: the secret
      -- is the server's, never one a form or an address chose.
      alter table staff_invitations add column pending_totp_secret text;
      -- Refused staff sign-ins per network address in the last hour, counted for the rate limit.
      create index audit_log_refused_sign_ins on audit_log (ip, at) where action = 'staff.sign-in.refused';
    `,
  },
  {
    id: '0017_desk_role_reads',
    sql: `
      -- Applications are seen only in a transaction of a role that works them (the school's
      -- psychologist sees learners, never an application), as the application code says too.
      drop policy desk_scope on applications;
      create policy desk_scope on applications to alaqan_desk
        using (reference is not null and district = any (desk_districts())
          and current_setting('app.desk_role', true) in ('caseworker', 'head', 'administrator'))
        with check (reference is not null and district = any (desk_districts())
          and current_setting('app.desk_role', true) in ('caseworker', 'head', 'administrator'));
    `,
  },
  {
    id: '0018_staff_challenge_addresses',
    sql: `
      -- Who asked for a passkey challenge (a hash of the network address): anyone may ask, so an
      -- address holds only a few at a time.
      alter table staff_challenges add column ip_hash text;
      create index staff_challenges_by_address on staff_challenges (ip_hash, expires_at);
    `,
  },
  {
    id: '0019_desk_policies_once',
    sql: `
      -- The same policies, with the districts and the role read once per query (a scalar subquery
      -- is an init plan) instead of once per row: the queue of 10,000 applications reads them once.
      drop policy desk_scope on applications;
      create policy desk_scope on applications to alaqan_desk
        using (reference is not null and district = any ((select desk_districts())::text[])
          and (select current_setting('app.desk_role', true)) in ('caseworker', 'head', 'administrator'))
        with check (reference is not null and district = any ((select desk_districts())::text[])
          and (select current_setting('app.desk_role', true)) in ('caseworker', 'head', 'administrator'));
      drop policy desk_scope on school_learners;
      create policy desk_scope on school_learners to alaqan_desk
        using (district = any ((select desk_districts())::text[])
          or exists (select 1 from applications a where a.applicant_id = school_learners.applicant_id));
    `,
  },
];
