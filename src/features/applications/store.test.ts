import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateAll, testDatabases } from '../../../tests/support/databases.ts';
import type { Database } from '../../platform/db/database.ts';
import { changeStatus, timeline, withdrawApplication } from './store.ts';

const caseworker = { kind: 'staff', id: '5f0c3a4e-9d1b-4c2a-8e7f-1a2b3c4d5e6f' } as const;

const link = (locale: string, reference: string) => `https://alaqan.test/${locale}/account/?application=${reference}`;

describe.each(testDatabases)('application stages on $name', (backend) => {
  let db: Database;
  let drop: () => Promise<void>;
  let applicantId: string;
  let applicationId: string;

  beforeEach(async () => {
    ({ db, drop } = await backend.open());
    await migrateAll(db);
    const [applicant] = await db.query<{ id: string }>(
      "insert into applicants (email, locale) values ('dana@example.kz', 'ru') returning id",
    );
    applicantId = applicant?.id ?? '';
    const [application] = await db.query<{ id: string }>(
      `insert into applications (applicant_id, form, locale, reference, status, submitted_at)
       values ($1, 'adoption', 'ru', 'AQ-7K4M-2P9X-Q', 'submitted', now()) returning id`,
      [applicantId],
    );
    applicationId = application?.id ?? '';
    await db.query(
      // An hour ago: the database's clock and this process's may differ by a little, and the order must not.
      "insert into application_events (application_id, status, actor_kind, actor_id, created_at) values ($1, 'submitted', 'applicant', $2, now() - interval '1 hour')",
      [applicationId, applicantId],
    );
  });
  afterEach(async () => {
    await drop();
  });

  it('moves the application, records the step and who made it, and emails the applicant in their language', async () => {
    const result = await changeStatus(db, {
      applicationId,
      to: 'documents-requested',
      note: 'Справка о доходах за последние 6 месяцев',
      actor: caseworker,
      link,
    });
    expect(result).toEqual({ status: 'changed', from: 'submitted', to: 'documents-requested' });
    const entries = await timeline(db, { applicantId, applicationId });
    expect(entries?.map((entry) => [entry.status, entry.note, entry.actor])).toEqual([
      ['submitted', null, 'applicant'],
      ['documents-requested', 'Справка о доходах за последние 6 месяцев', 'staff'],
    ]);
    expect(entries?.every((entry) => entry.at instanceof Date)).toBe(true);
    const events = await db.query('select status, actor_kind, actor_id from application_events order by created_at');
    expect(events).toEqual([
      { status: 'submitted', actor_kind: 'applicant', actor_id: applicantId },
      { status: 'documents-requested', actor_kind: 'staff', actor_id: caseworker.id },
    ]);
    const [email] = await db.query<{ recipient: string; locale: string; data: Record<string, unknown> }>(
      'select recipient, locale, data from email_outbox',
    );
    expect(email?.recipient).toBe('dana@example.kz');
    expect(email?.locale).toBe('ru');
    const data = email?.data;
    // The stage's code: its name is written in the applicant's language when the email is rendered.
    expect(data).toEqual({
      reference: 'AQ-7K4M-2P9X-Q',
      status: 'documents-requested',
      link: link('ru', 'AQ-7K4M-2P9X-Q'),
      hasRequest: true,
    });
    // The request itself stays in the portal: the email only says there is one.
    expect(JSON.stringify(data)).not.toContain('Справка');
  });

  it('refuses a move the procedure does not allow, and writes nothing', async () => {
    expect(await changeStatus(db, { applicationId, to: 'training-completed', actor: caseworker, link })).toEqual({
      status: 'not-allowed',
      from: 'submitted',
    });
    expect(await db.query('select id from email_outbox')).toEqual([]);
    expect(await db.query('select id from application_events')).toHaveLength(1);
  });

  it('lets the applicant withdraw their own application, and no one else’s', async () => {
    const [stranger] = await db.query<{ id: string }>(
      "insert into applicants (email, locale) values ('x@example.kz', 'kk') returning id",
    );
    expect(await withdrawApplication(db, { applicantId: stranger?.id ?? '', applicationId, link })).toEqual({
      status: 'not-found',
    });
    expect(await timeline(db, { applicantId: stranger?.id ?? '', applicationId })).toBeUndefined();
    expect(await withdrawApplication(db, { applicantId, applicationId, link })).toEqual({
      status: 'changed',
      from: 'submitted',
      to: 'withdrawn',
    });
    expect(await db.query("select actor_kind, actor_id from application_events where status = 'withdrawn'")).toEqual([
      { actor_kind: 'applicant', actor_id: applicantId },
    ]);
    expect(await changeStatus(db, { applicationId, to: 'in-review', actor: caseworker, link })).toEqual({
      status: 'not-allowed',
      from: 'withdrawn',
    });
  });

  it('does not move a draft', async () => {
    const [draft] = await db.query<{ id: string }>(
      "insert into applications (applicant_id, form, locale) values ($1, 'adoption', 'kk') returning id",
      [applicantId],
    );
    expect(
      await changeStatus(db, { applicationId: draft?.id ?? '', to: 'in-review', actor: caseworker, link }),
    ).toEqual({
      status: 'not-allowed',
      from: null,
    });
  });

  it('records a change the portal made by itself as the system’s, with no one’s id', async () => {
    await changeStatus(db, { applicationId, to: 'in-review', actor: { kind: 'system' }, link });
    expect(await db.query("select actor_kind, actor_id from application_events where status = 'in-review'")).toEqual([
      { actor_kind: 'system', actor_id: null },
    ]);
  });

  it('refuses an event without an actor, or an applicant’s without their id', async () => {
    await expect(
      db.query("insert into application_events (application_id, status) values ($1, 'in-review')", [applicationId]),
    ).rejects.toThrow();
    await expect(
      db.query(
        "insert into application_events (application_id, status, actor_kind) values ($1, 'in-review', 'applicant')",
        [applicationId],
      ),
    ).rejects.toThrow();
  });
});
