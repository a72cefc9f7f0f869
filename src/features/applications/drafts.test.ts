import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateAll, testDatabases } from '../../../tests/support/databases.ts';
import type { Database } from '../../platform/db/database.ts';
import { parseReference } from '../../platform/codes/reference.ts';
import { openDraft, saveStep, submitApplication } from './drafts.ts';
import { exampleAnswers, exampleSteps } from './examples.ts';
import { firstUnanswered } from './journey.ts';
import { changeStatus, withdrawApplication } from './store.ts';

const link = (locale: string, reference: string) => `https://alaqan.test/${locale}/account/?application=${reference}`;

const steps = exampleSteps;

describe.each(testDatabases)('applications being written, on $name', (backend) => {
  let db: Database;
  let drop: () => Promise<void>;
  let applicantId: string;
  let otherApplicantId: string;

  beforeEach(async () => {
    ({ db, drop } = await backend.open());
    await migrateAll(db);
    const rows = await db.query<{ id: string }>(
      "insert into applicants (email, locale) values ('aigerim@example.kz', 'kk'), ('other@example.kz', 'ru') returning id",
    );
    applicantId = rows[0]?.id ?? '';
    otherApplicantId = rows[1]?.id ?? '';
  });
  afterEach(async () => {
    await drop();
  });

  async function fillAll(applicationId: string) {
    for (const [step, data] of steps) {
      const result = await saveStep(db, { applicantId, applicationId, step, data });
      expect(result.status, step).toBe('saved');
    }
  }

  it('keeps one draft per applicant, even when two first requests come at once', async () => {
    const [a, b] = await Promise.all([openDraft(db, applicantId, 'kk'), openDraft(db, applicantId, 'kk')]);
    expect(a.id).toBe(b.id);
    expect(await db.query('select id from applications')).toHaveLength(1);
  });

  it('saves each answer as it comes, so a returning applicant resumes where they were', async () => {
    const draft = await openDraft(db, applicantId, 'kk');
    await saveStep(db, { applicantId, applicationId: draft.id, step: 'form', data: { form: 'guardianship' } });
    const [first, second] = steps;
    if (!first || !second) throw new Error('no steps');
    await saveStep(db, { applicantId, applicationId: draft.id, step: second[0], data: second[1] });
    const again = await openDraft(db, applicantId, 'kk');
    expect(again.id).toBe(draft.id);
    expect(firstUnanswered(again.answers)).toBe('address');
  });

  it('writes nothing for a skipped step, an invalid answer, or someone else’s draft', async () => {
    const draft = await openDraft(db, applicantId, 'kk');
    expect(await saveStep(db, { applicantId, applicationId: draft.id, step: 'address', data: steps[2]?.[1] })).toEqual({
      status: 'not-open',
    });
    expect(
      await saveStep(db, {
        applicantId,
        applicationId: draft.id,
        step: 'form',
        data: { form: 'adoption', admin: true },
      }),
    ).toEqual({
      status: 'invalid',
      errors: { _form: 'apply.error.unexpected' },
    });
    expect(
      await saveStep(db, {
        applicantId: otherApplicantId,
        applicationId: draft.id,
        step: 'form',
        data: { form: 'adoption' },
      }),
    ).toEqual({
      status: 'not-found',
    });
    expect(await db.query('select answers, district from applications where id = $1', [draft.id])).toEqual([
      { answers: {}, district: null },
    ]);
  });

  it('refuses to submit an incomplete application', async () => {
    const draft = await openDraft(db, applicantId, 'kk');
    expect(await submitApplication(db, { applicantId, applicationId: draft.id, link })).toEqual({
      status: 'incomplete',
    });
    expect(await db.query('select id from email_outbox')).toEqual([]);
  });

  it('submits once: a double click gives one reference and one email', async () => {
    const draft = await openDraft(db, applicantId, 'kk');
    await fillAll(draft.id);
    const [a, b] = await Promise.all([
      submitApplication(db, { applicantId, applicationId: draft.id, link }),
      submitApplication(db, { applicantId, applicationId: draft.id, link }),
    ]);
    const again = await submitApplication(db, { applicantId, applicationId: draft.id, link });
    if (a.status !== 'submitted' || b.status !== 'submitted' || again.status !== 'submitted')
      throw new Error('not submitted');
    expect(new Set([a.reference, b.reference, again.reference]).size).toBe(1);
    expect([a.first, b.first].filter(Boolean)).toHaveLength(1);
    expect(parseReference(a.reference)).toBe(a.reference);
    const emails = await db.query<{ template: string; locale: string }>('select template, locale from email_outbox');
    expect(emails).toEqual([{ template: 'application-submitted', locale: 'kk' }]);
    // Sent by the applicant, and recorded as theirs.
    expect(await db.query('select status, actor_kind, actor_id from application_events')).toEqual([
      { status: 'submitted', actor_kind: 'applicant', actor_id: applicantId },
    ]);
    // A new visit starts a new draft; the submitted one is no longer editable.
    expect(
      await saveStep(db, { applicantId, applicationId: draft.id, step: 'form', data: { form: 'adoption' } }),
    ).toEqual({ status: 'not-found' });
    expect((await openDraft(db, applicantId, 'kk')).id).not.toBe(draft.id);
  });

  /** What a refused submission must leave as it was: the draft a draft, and nothing sent. */
  async function writtenSoFar() {
    return {
      submitted: await db.query('select id from applications where reference is not null order by id'),
      drafts: await db.query('select id, status, submitted_at from applications where reference is null order by id'),
      events: await db.query('select id from application_events order by id'),
      emails: await db.query('select id from email_outbox order by id'),
    };
  }

  it('refuses a second application for the same form while the first is in progress, and writes nothing', async () => {
    const first = await openDraft(db, applicantId, 'kk');
    await fillAll(first.id);
    const sent = await submitApplication(db, { applicantId, applicationId: first.id, link });
    if (sent.status !== 'submitted') throw new Error(sent.status);
    const second = await openDraft(db, applicantId, 'kk');
    await fillAll(second.id);
    const before = await writtenSoFar();
    expect(await submitApplication(db, { applicantId, applicationId: second.id, link })).toEqual({
      status: 'already-open',
      reference: sent.reference,
    });
    expect(await writtenSoFar()).toEqual(before);
    // Sending the first again is still the same application, not a refusal.
    expect(await submitApplication(db, { applicantId, applicationId: first.id, link })).toEqual({
      status: 'submitted',
      reference: sent.reference,
      first: false,
    });
    // Another form of placement is another application.
    await saveStep(db, { applicantId, applicationId: second.id, step: 'form', data: { form: 'adoption' } });
    expect((await submitApplication(db, { applicantId, applicationId: second.id, link })).status).toBe('submitted');
  });

  it('takes a new application for the same form once the first is withdrawn or closed', async () => {
    for (const end of ['withdrawn', 'closed'] as const) {
      const draft = await openDraft(db, applicantId, 'kk');
      await fillAll(draft.id);
      const sent = await submitApplication(db, { applicantId, applicationId: draft.id, link });
      if (sent.status !== 'submitted') throw new Error(sent.status);
      const ended =
        end === 'withdrawn'
          ? await withdrawApplication(db, { applicantId, applicationId: draft.id, link })
          : await changeStatus(db, { applicationId: draft.id, to: 'closed', actor: { kind: 'system' }, link });
      expect(ended.status).toBe('changed');
    }
    const draft = await openDraft(db, applicantId, 'kk');
    await fillAll(draft.id);
    expect((await submitApplication(db, { applicantId, applicationId: draft.id, link })).status).toBe('submitted');
  });

  it('lets only one of several drafts for the same form through when they are sent at once', async () => {
    // One draft at a time is the journey's rule; these stand for a race the database must settle
    // (on a PostgreSQL server they are sent on several connections side by side).
    const drafts = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const [draft] = await db.query<{ id: string }>(
          "insert into applications (applicant_id, form, locale, answers) values ($1, 'guardianship', 'kk', $2) returning id",
          [applicantId, JSON.stringify(Object.fromEntries(steps))],
        );
        return draft?.id ?? '';
      }),
    );
    const results = await Promise.all(
      drafts.map((applicationId) => submitApplication(db, { applicantId, applicationId, link })),
    );
    const submitted = results.filter((result) => result.status === 'submitted');
    expect(submitted).toHaveLength(1);
    expect(results.filter((result) => result.status !== 'submitted')).toEqual(
      Array.from({ length: drafts.length - 1 }, () => ({ status: 'already-open', reference: submitted[0]?.reference })),
    );
    expect(await db.query('select id from email_outbox')).toHaveLength(1);
    expect(await db.query('select id from application_events')).toHaveLength(1);
  });

  it('does not let another applicant submit or even see the application', async () => {
    const draft = await openDraft(db, applicantId, 'kk');
    await fillAll(draft.id);
    expect(await submitApplication(db, { applicantId: otherApplicantId, applicationId: draft.id, link })).toEqual({
      status: 'not-found',
    });
  });

  it('keeps the district in a column of its own, equal to the address step’s answer', async () => {
    const draft = await openDraft(db, applicantId, 'kk');
    await fillAll(draft.id);
    const district = async () =>
      (await db.query<{ district: string | null }>('select district from applications where id = $1', [draft.id]))[0]
        ?.district;
    expect(await district()).toBe('merke');
    // The address changed: the column follows; a refused answer leaves both as they were.
    const address = { ...exampleAnswers.address, district: 'zhualy' };
    expect((await saveStep(db, { applicantId, applicationId: draft.id, step: 'address', data: address })).status).toBe(
      'saved',
    );
    expect(await district()).toBe('zhualy');
    await saveStep(db, {
      applicantId,
      applicationId: draft.id,
      step: 'address',
      data: { ...address, district: 'Merke!' },
    });
    expect(await district()).toBe('zhualy');
    // Another step leaves it alone.
    await saveStep(db, { applicantId, applicationId: draft.id, step: 'housing', data: exampleAnswers.housing });
    expect(await district()).toBe('zhualy');
    const [row] = await db.query<{ answers: { address: { district: string } } }>(
      'select answers from applications where id = $1',
      [draft.id],
    );
    expect(row?.answers.address.district).toBe('zhualy');
  });
});

describe.each(testDatabases)(
  'applications written before the district column and event actors, on $name',
  (backend) => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeEach(async () => {
      ({ db, drop } = await backend.open());
    });
    afterEach(async () => {
      await drop();
    });

    it('get their district from their answers, and their events an actor', async () => {
      // The schema as released before 0008, with rows as that release wrote them.
      await migrateAll(db, '0007_upload_log');
      const [applicant] = await db.query<{ id: string }>(
        "insert into applicants (email, locale) values ('old@example.kz', 'ru') returning id",
      );
      const applicantId = applicant?.id ?? '';
      const rows = await db.query<{ id: string }>(
        `insert into applications (applicant_id, form, locale, answers, reference, status) values
         ($1, 'guardianship', 'ru', $2, 'AQ-0000-0000-0', 'in-review'),
         ($1, 'adoption', 'ru', '{}', null, null)
       returning id`,
        [applicantId, JSON.stringify(exampleAnswers)],
      );
      const sent = rows[0]?.id ?? '';
      await db.query(
        `insert into application_events (application_id, status, created_at) values
         ($1, 'submitted', now() - interval '2 days'), ($1, 'in-review', now() - interval '1 day')`,
        [sent],
      );
      expect(await migrateAll(db)).toContain('0009_applications_district');
      expect(await db.query('select form, district from applications order by form')).toEqual([
        { form: 'adoption', district: null },
        { form: 'guardianship', district: 'merke' },
      ]);
      // Sending was the applicant's; the other changes were the authority's, who was not recorded.
      expect(await db.query('select status, actor_kind, actor_id from application_events order by created_at')).toEqual(
        [
          { status: 'submitted', actor_kind: 'applicant', actor_id: applicantId },
          { status: 'in-review', actor_kind: 'staff', actor_id: null },
        ],
      );
    });
  },
);
