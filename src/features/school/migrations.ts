/** The School of adoptive parents online: learners, their progress and certificates (after 0010). */
import type { Migration } from '../../platform/db/migrate.ts';

export const schoolMigrations: readonly Migration[] = [
  {
    id: '0011_school',
    sql: `
      -- A learner is an applicant's account on a course: the name printed on the certificate, the
      -- district whose authority follows the training, and where they were last.
      create table school_learners (
        applicant_id uuid not null references applicants (id) on delete cascade,
        course text not null,
        given_name text not null,
        family_name text not null,
        patronymic text,
        district text,
        locale text not null check (locale in ('kk', 'ru', 'en')),
        started_at timestamptz not null,
        last_activity_at timestamptz not null,
        -- The module of the last activity: the time up to the next one is credited to it.
        last_module text,
        reminded_at timestamptz,
        reminders_sent integer not null default 0,
        completed_at timestamptz,
        primary key (applicant_id, course)
      );
      create index school_learners_by_district on school_learners (course, district);
      create index school_learners_by_activity on school_learners (last_activity_at) where completed_at is null;

      -- A lesson is opened (served to the learner) before it can be marked read.
      create table school_lessons (
        applicant_id uuid not null,
        course text not null,
        module text not null,
        lesson text not null,
        opened_at timestamptz not null,
        read_at timestamptz,
        primary key (applicant_id, course, lesson),
        foreign key (applicant_id, course) references school_learners (applicant_id, course) on delete cascade
      );

      -- Seconds on task per module, from the learner's own activity with an idle cut-off.
      create table school_time (
        applicant_id uuid not null,
        course text not null,
        module text not null,
        seconds integer not null default 0 check (seconds >= 0),
        primary key (applicant_id, course, module),
        foreign key (applicant_id, course) references school_learners (applicant_id, course) on delete cascade
      );

      -- An attempt at a module's test: the questions drawn for it, in order, and its mark.
      create table school_attempts (
        id uuid primary key default gen_random_uuid(),
        applicant_id uuid not null,
        course text not null,
        module text not null,
        questions text[] not null,
        started_at timestamptz not null,
        submitted_at timestamptz,
        correct integer,
        total integer,
        passed boolean,
        foreign key (applicant_id, course) references school_learners (applicant_id, course) on delete cascade
      );
      -- At most one open attempt per module: a double click starts one.
      create unique index school_attempts_one_open on school_attempts (applicant_id, course, module) where submitted_at is null;
      create index school_attempts_by_learner on school_attempts (applicant_id, course, module, started_at);

      -- Every answer as it is given, so a dropped connection loses nothing.
      create table school_answers (
        attempt_id uuid not null references school_attempts (id) on delete cascade,
        question text not null,
        option text not null,
        answered_at timestamptz not null,
        primary key (attempt_id, question)
      );

      -- Group sessions with the school's psychologist, recorded by staff.
      create table school_group_sessions (
        id uuid primary key default gen_random_uuid(),
        applicant_id uuid not null,
        course text not null,
        held_on date not null,
        academic_hours numeric(4, 1) not null check (academic_hours > 0),
        format text not null check (format in ('online', 'in-person')),
        recorded_by uuid not null,
        note text,
        created_at timestamptz not null,
        foreign key (applicant_id, course) references school_learners (applicant_id, course) on delete cascade
      );

      -- Certificates outlive the account: a deleted account leaves the certificate verifiable
      -- (and revocable), with the name as it was printed.
      create table school_certificates (
        code text primary key,
        applicant_id uuid references applicants (id) on delete set null,
        course text not null,
        holder_name text not null,
        academic_hours numeric(5, 1) not null,
        issued_at timestamptz not null,
        credential text not null,
        revoked_at timestamptz,
        revoked_reason text,
        revoked_by uuid
      );
      create unique index school_certificates_one_per_learner on school_certificates (applicant_id, course);

      -- The PDF files as issued: a file shown for verification must be one of these, byte for byte.
      create table school_certificate_files (
        code text not null references school_certificates (code) on delete cascade,
        variant text not null check (variant in ('kk-ru', 'en')),
        sha256 text not null,
        pdf bytea not null,
        created_at timestamptz not null,
        primary key (code, variant)
      );
      create index school_certificate_files_by_hash on school_certificate_files (sha256);

      -- Verification requests per network address (hashed), for the rate limit.
      create table school_verifications (
        ip_hash text not null,
        created_at timestamptz not null
      );
      create index school_verifications_by_ip on school_verifications (ip_hash, created_at);
    `,
  },
];
