/**
 * The tables of applications, their stages and their history (run by
 * `src/platform/db/migrate.ts`, after the applicants' of `src/features/auth/migrations.ts`).
 */
import type { Migration } from '../../platform/db/migrate.ts';

export const applicationMigrations: readonly Migration[] = [
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
    id: '0009_applications_district',
    sql: `
      -- The district the applicant lives in, from the address step, as a column of its own: the
      -- desk's queues are per district. Kept equal to answers->'address'->>'district' by saveStep.
      -- The answers still hold it too, so what the applicant sent stays whole.
      alter table applications add column district text;
      update applications set district = answers->'address'->>'district';
      create index applications_by_district on applications (district, submitted_at);
    `,
  },
  {
    id: '0010_application_event_actors',
    sql: `
      -- Who made each change of stage: the applicant (sending, withdrawing), a member of staff, or
      -- the system. actor_id is the applicant's or the staff member's id; null for the system, and
      -- for staff changes made before this migration, which did not record who.
      alter table application_events
        add column actor_kind text check (actor_kind in ('applicant', 'staff', 'system')),
        add column actor_id uuid;
      update application_events set
        actor_kind = case when application_events.status in ('submitted', 'withdrawn') then 'applicant' else 'staff' end,
        actor_id = case when application_events.status in ('submitted', 'withdrawn') then applications.applicant_id end
      from applications where applications.id = application_events.application_id;
      alter table application_events
        alter column actor_kind set not null,
        add constraint application_events_actor check (
          (actor_kind = 'applicant' and actor_id is not null) or (actor_kind = 'staff') or (actor_kind = 'system' and actor_id is null)
        );
    `,
  },
  {
    id: '0020_status_labels_dropped',
    sql: `
      -- The stages' names are UI strings (status-labels.ts), reworded with the translations. The
      -- copies this table kept were read by nothing and had drifted from them (the Kazakh
      -- "withdrawn" read as "returned by the authority"), so they go: one place for each name.
      alter table application_statuses drop column label_kk, drop column label_ru, drop column label_en;
    `,
  },
];
