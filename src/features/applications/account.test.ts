import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateAll, testDatabases } from '../../../tests/support/databases.ts';
import type { Database } from '../../platform/db/database.ts';
import { accountApplications, applicationPage } from './account.ts';
import { exampleAnswers } from './examples.ts';
import { changeStatus } from './store.ts';

const link = (locale: string, reference: string) => `https://alaqan.test/${locale}/account/${reference}/`;

describe.each(testDatabases)('the applicant’s own pages on $name', (backend) => {
  let db: Database;
  let drop: () => Promise<void>;
  let applicantId: string;
  let applicationId: string;
  const reference = 'AQ-7K4M-2P9X-Q';

  beforeEach(async () => {
    ({ db, drop } = await backend.open());
    await migrateAll(db);
    const [applicant] = await db.query<{ id: string }>(
      "insert into applicants (email, locale) values ('dana@example.kz', 'ru') returning id",
    );
    applicantId = applicant?.id ?? '';
    const [application] = await db.query<{ id: string }>(
      `insert into applications (applicant_id, form, locale, answers, reference, status, submitted_at, created_at)
       values ($1, 'adoption', 'ru', $2, $3, 'submitted', now(), now() - interval '1 hour') returning id`,
      [applicantId, JSON.stringify(exampleAnswers), reference],
    );
    applicationId = application?.id ?? '';
    await db.query(
      "insert into application_events (application_id, status, actor_kind, actor_id) values ($1, 'submitted', 'applicant', $2)",
      [applicationId, applicantId],
    );
    await db.query("insert into applications (applicant_id, form, locale) values ($1, 'undecided', 'ru')", [
      applicantId,
    ]);
    // The database keeps only the stages' codes: their names come from the translations.
    expect(
      await db.query(
        "select column_name from information_schema.columns where table_schema = current_schema() and table_name = 'application_statuses' and column_name like 'label%'",
      ),
    ).toEqual([]);
  });
  afterEach(async () => {
    await drop();
  });

  it('lists the applications with their stages named in the page’s language, from the translations', async () => {
    expect(await accountApplications(db, applicantId, 'kk')).toEqual([
      { reference, status: 'submitted', statusLabel: 'Өтініш берілді' },
      { reference: undefined, status: undefined, statusLabel: undefined },
    ]);
    expect((await accountApplications(db, applicantId, 'en'))[0]?.statusLabel).toBe('Submitted');
  });

  it('shows one application’s history with each stage named in the page’s language', async () => {
    await changeStatus(db, {
      applicationId,
      to: 'documents-requested',
      note: 'Справка',
      actor: { kind: 'system' },
      link,
    });
    const page = await applicationPage(db, { applicantId, reference, locale: 'ru' });
    expect(page?.status).toBe('documents-requested');
    expect(page?.history.map((entry) => [entry.status, entry.label, entry.note])).toEqual([
      ['submitted', 'Заявление подано', null],
      ['documents-requested', 'Запрошены документы', 'Справка'],
    ]);
    // The answers come back as they were sent, an object, on either database.
    expect(page?.answers).toEqual(exampleAnswers);
    expect(page?.withdrawable).toBe(true);
  });
});
