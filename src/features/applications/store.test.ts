import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../tests/support/databases.ts';
import type { Database } from '../../platform/db/database.ts';
import { migrate } from '../../platform/db/migrations.ts';
import { changeStatus, timeline, withdrawApplication } from './store.ts';

const link = (locale: string, reference: string) => `https://alaqan.test/${locale}/account/?application=${reference}`;

describe.each(testDatabases)('application stages on $name', (backend) => {
  let db: Database;
  let drop: () => Promise<void>;
  let applicantId: string;
  let applicationId: string;

  beforeEach(async () => {
    ({ db, drop } = await backend.open());
    await migrate(db);
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
    await db.query("insert into application_events (application_id, status) values ($1, 'submitted')", [applicationId]);
  });
  afterEach(async () => {
    await drop();
  });

  it('moves the application, records the step and emails the applicant in their language', async () => {
    const result = await changeStatus(db, {
      applicationId,
      to: 'documents-requested',
      note: 'Справка о доходах за последние 6 месяцев',
      link,
    });
    expect(result).toEqual({ status: 'changed', from: 'submitted', to: 'documents-requested' });
    const entries = await timeline(db, { applicantId, applicationId, locale: 'ru' });
    expect(entries?.map((entry) => [entry.label, entry.note])).toEqual([
      ['Заявление подано', null],
      ['Запрошены документы', 'Справка о доходах за последние 6 месяцев'],
    ]);
    const [email] = await db.query<{ recipient: string; locale: string; data: unknown }>(
      'select recipient, locale, data from email_outbox',
    );
    expect(email?.recipient).toBe('dana@example.kz');
    expect(email?.locale).toBe('ru');
    const data = (typeof email?.data === 'string' ? JSON.parse(email.data) : email?.data) as Record<string, unknown>;
    expect(data).toMatchObject({ reference: 'AQ-7K4M-2P9X-Q', statusLabel: 'Запрошены документы', hasRequest: true });
    // The request itself stays in the portal: the email only says there is one.
    expect(JSON.stringify(data)).not.toContain('Справка');
  });

  it('refuses a move the procedure does not allow, and writes nothing', async () => {
    expect(await changeStatus(db, { applicationId, to: 'training-completed', link })).toEqual({
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
    expect(await timeline(db, { applicantId: stranger?.id ?? '', applicationId, locale: 'kk' })).toBeUndefined();
    expect(await withdrawApplication(db, { applicantId, applicationId, link })).toEqual({
      status: 'changed',
      from: 'submitted',
      to: 'withdrawn',
    });
    expect(await changeStatus(db, { applicationId, to: 'in-review', link })).toEqual({
      status: 'not-allowed',
      from: 'withdrawn',
    });
  });

  it('does not move a draft', async () => {
    const [draft] = await db.query<{ id: string }>(
      "insert into applications (applicant_id, form, locale) values ($1, 'adoption', 'kk') returning id",
      [applicantId],
    );
    expect(await changeStatus(db, { applicationId: draft?.id ?? '', to: 'in-review', link })).toEqual({
      status: 'not-allowed',
      from: null,
    });
  });
});
