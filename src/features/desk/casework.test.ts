import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, useMigratedDatabase } from '../../../tests/support/databases.ts';
import type { Database } from '../../platform/db/database.ts';
import { exampleAnswers } from '../applications/examples.ts';
import { applicationPage } from '../applications/account.ts';
import { verifyAuditChain } from './audit.ts';
import {
  addNote,
  exportQueue,
  inDeskScope,
  inviteToSchool,
  issueConclusion,
  moveCase,
  openCaseDocument,
  readCase,
  readQueue,
  readReport,
  recordVisit,
  requestDocuments,
  takeCase,
  type DeskScope,
} from './casework.ts';

const link = (locale: string, reference: string) => `https://alaqan.test/${locale}/account/${reference}/`;
const now = new Date('2026-12-01T06:00:00Z');

/** An applicant's submitted application in `district`, with one document. */
async function submitted(db: Database, district: string, reference: string, email: string) {
  const [applicant] = await db.query<{ id: string }>(
    "insert into applicants (email, locale) values ($1, 'ru') returning id",
    [email],
  );
  const answers = { ...exampleAnswers, address: { ...exampleAnswers.address, district } };
  const [application] = await db.query<{ id: string }>(
    `insert into applications (applicant_id, form, locale, answers, reference, status, submitted_at, district)
     values ($1, 'guardianship', 'ru', $2, $3, 'submitted', $4, $5) returning id`,
    [applicant?.id, JSON.stringify(answers), reference, new Date(now.getTime() - 86_400_000).toISOString(), district],
  );
  await db.query(
    "insert into application_events (application_id, status, actor_kind, actor_id) values ($1, 'submitted', 'applicant', $2)",
    [application?.id, applicant?.id],
  );
  const [document] = await db.query<{ id: string }>(
    `insert into documents (application_id, kind, original_name, stored_name, media_type, size_bytes)
     values ($1, 'identity', 'passport.pdf', $2, 'application/pdf', 100) returning id`,
    [application?.id, `${reference}.pdf`],
  );
  return { applicantId: applicant?.id ?? '', applicationId: application?.id ?? '', documentId: document?.id ?? '' };
}

async function member(db: Database, email: string, role: string, districts: string[]): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    'insert into staff (email, name, role, districts, enrolled_at) values ($1, $2, $3, $4, now()) returning id',
    [email, email.split('@')[0], role, districts],
  );
  return row?.id ?? '';
}

describe.each(testDatabases)('the desk’s district scope on $name', (backend) => {
  const database = useMigratedDatabase(backend);
  let merke: Awaited<ReturnType<typeof submitted>>;
  let taraz: Awaited<ReturnType<typeof submitted>>;
  let caseworker: DeskScope;
  beforeAll(async () => {
    const db = database();
    merke = await submitted(db, 'merke', 'AQ-MERK-0001-A', 'merke@example.kz');
    taraz = await submitted(db, 'taraz', 'AQ-TARA-0001-B', 'taraz@example.kz');
    const id = await member(db, 'dana@desk.example.kz', 'caseworker', ['merke']);
    caseworker = { staffId: id, role: 'caseworker', districts: ['merke'], ip: '10.1.1.1', now };
  });

  it('shows the queue of the member’s districts only', async () => {
    const queue = await readQueue(database(), caseworker, { stage: 'new', sort: 'due', page: 1 });
    expect(queue.rows.map((row) => row.reference)).toEqual(['AQ-MERK-0001-A']);
    expect(queue.counts.new).toBe(1);
  });

  it('finds nothing of another district, for every read and every change (as if it did not exist)', async () => {
    const db = database();
    const other = 'AQ-TARA-0001-B';
    expect(await readCase(db, caseworker, other)).toBeUndefined();
    expect(await openCaseDocument(db, caseworker, { reference: other, documentId: taraz.documentId })).toBeUndefined();
    // The Merke reference with a Taraz document is not found either.
    expect(
      await openCaseDocument(db, caseworker, { reference: 'AQ-MERK-0001-A', documentId: taraz.documentId }),
    ).toBeUndefined();
    const changes = [
      () => takeCase(db, caseworker, other),
      () => addNote(db, caseworker, { reference: other, text: 'x' }),
      () => moveCase(db, caseworker, { reference: other, to: 'in-review', reason: 'x', link }),
      () => requestDocuments(db, caseworker, { reference: other, message: 'x', dueOn: '2026-12-20', link }),
      () => inviteToSchool(db, caseworker, { reference: other, link }),
      () => recordVisit(db, caseworker, { reference: other, visitedOn: '2026-11-30', findings: 'x', link }),
      () => issueConclusion(db, caseworker, { reference: other, outcome: 'positive', reasoning: 'x', link }),
    ];
    for (const change of changes) expect(await change()).toEqual({ status: 'not-found' });
    const [row] = await db.query<{ n: number }>(
      'select count(*)::int as n from application_events where application_id = $1',
      [taraz.applicationId],
    );
    expect(row?.n).toBe(1);
    expect((await exportQueue(db, caseworker, { stage: 'new', withIin: true })).map((r) => r.reference)).toEqual([
      'AQ-MERK-0001-A',
    ]);
  });

  it('refuses another district in the database itself, even when the query asks for it', async () => {
    const db = database();
    const seen = await inDeskScope(db, caseworker, async (tx) => ({
      applications: await tx.query<{ reference: string }>('select reference from applications order by reference'),
      events: await tx.query('select * from application_events where application_id = $1', [taraz.applicationId]),
      documents: await tx.query('select * from documents where application_id = $1', [taraz.applicationId]),
      applicants: await tx.query<{ email: string }>('select email from applicants order by email'),
      updated: await tx.query("update applications set status = 'closed' where id = $1 returning id", [
        taraz.applicationId,
      ]),
    }));
    expect(seen.applications.map((row) => row.reference)).toEqual(['AQ-MERK-0001-A']);
    expect(seen.events).toEqual([]);
    expect(seen.documents).toEqual([]);
    expect(seen.applicants.map((row) => row.email)).toEqual(['merke@example.kz']);
    expect(seen.updated).toEqual([]);
    await expect(
      inDeskScope(db, caseworker, (tx) =>
        tx.query(
          "insert into application_events (application_id, status, actor_kind, kind) values ($1, 'closed', 'system', 'note')",
          [taraz.applicationId],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('sees nothing at all without districts, and nothing of the staff’s secrets', async () => {
    const db = database();
    const nowhere = { ...caseworker, districts: [] };
    expect(await inDeskScope(db, nowhere, (tx) => tx.query('select id from applications'))).toEqual([]);
    expect((await readQueue(db, nowhere, { stage: 'new', sort: 'due', page: 1 })).rows).toEqual([]);
    await expect(inDeskScope(db, caseworker, (tx) => tx.query('select password_hash from staff'))).rejects.toThrow(
      /permission denied/,
    );
    await expect(inDeskScope(db, caseworker, (tx) => tx.query('delete from audit_log'))).rejects.toThrow(
      /permission denied|append-only/,
    );
  });

  it('shows the school’s psychologist no application, even in their district, in the database itself', async () => {
    const psychologist = { ...caseworker, role: 'psychologist' as const };
    expect(await inDeskScope(database(), psychologist, (tx) => tx.query('select id from applications'))).toEqual([]);
    expect(await readCase(database(), psychologist, 'AQ-MERK-0001-A')).toBeUndefined();
  });

  it('runs as a role without superuser or BYPASSRLS', async () => {
    const [role] = await inDeskScope(database(), caseworker, (tx) =>
      tx.query<{ rolsuper: boolean; rolbypassrls: boolean; current_user: string }>(
        'select rolsuper, rolbypassrls, current_user from pg_roles where rolname = current_user',
      ),
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, current_user: 'alaqan_desk' });
  });

  it('audits each read of personal data and each document opened, in an intact chain', async () => {
    const db = database();
    await readCase(db, caseworker, 'AQ-MERK-0001-A');
    await openCaseDocument(db, caseworker, { reference: 'AQ-MERK-0001-A', documentId: merke.documentId });
    const rows = await db.query<{ action: string; actor_id: string; ip: string; detail: unknown }>(
      "select action, actor_id, ip, detail from audit_log where action in ('application.read', 'document.read') order by seq",
    );
    expect(rows.map((row) => row.action)).toEqual(expect.arrayContaining(['application.read', 'document.read']));
    expect(rows.every((row) => row.actor_id === caseworker.staffId && row.ip === '10.1.1.1')).toBe(true);
    // Never the data itself.
    expect(JSON.stringify(rows)).not.toContain('Айгерим');
    expect(await verifyAuditChain(db)).toMatchObject({ status: 'intact' });
  });
});

describe.each(testDatabases)('an application worked from new to a conclusion on $name', (backend) => {
  const database = useMigratedDatabase(backend);
  let app: Awaited<ReturnType<typeof submitted>>;
  let scope: DeskScope;
  const reference = 'AQ-WORK-0001-C';
  beforeAll(async () => {
    app = await submitted(database(), 'merke', reference, 'worked@example.kz');
    scope = {
      staffId: await member(database(), 'aset@desk.example.kz', 'caseworker', ['merke']),
      role: 'caseworker',
      districts: ['merke'],
      ip: '10.1.1.2',
      now,
    };
  });

  it('moves through each stage; the applicant sees the public steps and gets each email in their language, never a note', async () => {
    const db = database();
    const at = (minutes: number) => ({ ...scope, now: new Date(now.getTime() + minutes * 60_000) });
    expect(await takeCase(db, at(1), reference)).toEqual({ status: 'done' });
    expect(await addNote(db, at(2), { reference, text: 'Позвонить в понедельник' })).toEqual({ status: 'done' });
    expect(await moveCase(db, at(3), { reference, to: 'in-review', reason: 'Заявление принято', link })).toEqual({
      status: 'done',
    });
    expect(
      await requestDocuments(db, at(4), {
        reference,
        message: 'Справка о несудимости',
        dueOn: '2026-12-15',
        link,
      }),
    ).toEqual({ status: 'done' });
    const waiting = await readQueue(db, at(5), { stage: 'waiting', sort: 'due', page: 1 });
    expect(waiting.rows[0]?.due?.toISOString()).toBe('2026-12-15T18:59:59.000Z');
    expect(await moveCase(db, at(6), { reference, to: 'in-review', reason: 'Документы получены', link })).toEqual({
      status: 'done',
    });
    expect(await inviteToSchool(db, at(7), { reference, link })).toEqual({
      status: 'done',
      applicantId: app.applicantId,
    });
    // A conclusion before the visit, or a visit before its stage, is refused.
    expect(await issueConclusion(db, at(8), { reference, outcome: 'positive', reasoning: 'x', link })).toEqual({
      status: 'not-allowed',
      from: 'invited-to-school',
    });
    expect(
      await moveCase(db, at(9), { reference, to: 'training-completed', reason: 'Сертификат получен', link }),
    ).toEqual({
      status: 'done',
    });
    expect(await moveCase(db, at(10), { reference, to: 'home-visit', reason: 'Назначено обследование', link })).toEqual(
      {
        status: 'done',
      },
    );
    expect(
      await recordVisit(db, at(11), { reference, visitedOn: '2026-12-01', findings: 'Условия хорошие', link }),
    ).toEqual({ status: 'done' });
    expect((await readQueue(db, at(12), { stage: 'conclusion', sort: 'due', page: 1 })).total).toBe(1);
    expect(
      await issueConclusion(db, at(13), { reference, outcome: 'positive', reasoning: 'Все требования', link }),
    ).toEqual({ status: 'done' });

    const file = await readCase(db, at(14), reference);
    expect(file?.stage).toBe('closed');
    expect(file?.assignee?.id).toBe(scope.staffId);
    expect(file?.timeline.filter((event) => event.internal).map((event) => event.note)).toEqual([
      'Все требования',
      'Условия хорошие',
      'Позвонить в понедельник',
      undefined,
    ]);

    const page = await applicationPage(db, { applicantId: app.applicantId, reference, locale: 'ru' });
    const text = JSON.stringify(page?.history);
    expect(page?.history.map((entry) => entry.kind)).toEqual([
      'status',
      'status',
      'request',
      'status',
      'school',
      'status',
      'status',
      'visit',
      'conclusion',
    ]);
    expect(text).toContain('Справка о несудимости');
    for (const internal of ['Позвонить в понедельник', 'Условия хорошие', 'Все требования'])
      expect(text).not.toContain(internal);

    const emails = await db.query<{ locale: string; template: string; data: Record<string, unknown> }>(
      "select locale, template, data from email_outbox where recipient = 'worked@example.kz' order by created_at",
    );
    expect(emails.map((email) => email.data['status'])).toEqual([
      'in-review',
      'documents-requested',
      'in-review',
      'invited-to-school',
      'training-completed',
      'home-visit',
      'conclusion',
    ]);
    expect(emails.every((email) => email.locale === 'ru' && email.template === 'status-changed')).toBe(true);
    const outbox = JSON.stringify(emails);
    for (const secret of ['Позвонить', 'Условия', 'Все требования', 'Справка']) expect(outbox).not.toContain(secret);
    expect(await verifyAuditChain(db)).toMatchObject({ status: 'intact' });

    // The reports count it: concluded a day after it was sent, invited to the school, no certificate.
    const report = await readReport(db, at(15));
    expect(report).toMatchObject({ medianDaysToConclusion: 1, concluded: 1, invited: 1, trained: 0 });
    expect(report.byDistrict.find((row) => row.key === 'merke')).toBeUndefined();
  });
});
