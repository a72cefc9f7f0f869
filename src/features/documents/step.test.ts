import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateAll, testDatabases } from '../../../tests/support/databases.ts';
import type { Locale } from '../../i18n/locales.ts';
import type { Database } from '../../platform/db/database.ts';
import { openDraft, saveStep } from '../applications/drafts.ts';
import { exampleAnswers, exampleSteps } from '../applications/examples.ts';
import type { Answers } from '../applications/journey.ts';
import { addDocument, listDocuments, type DocumentEntry } from './store.ts';
import {
  documentRows,
  documentsStepView,
  handleDocumentsStep,
  readDocumentsStepNotice,
  type DocumentsStepContext,
} from './step.ts';

const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
const disguised = new TextEncoder().encode('<html></html>');

/** A form as one of the step's three forms posts it. */
function formOf(fields: Record<string, string | File>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

describe.each(testDatabases)('the documents step on $name', (backend) => {
  let db: Database;
  let drop: () => Promise<void>;
  let uploadsDir: string;
  let applicantId: string;
  let stranger: string;

  beforeEach(async () => {
    ({ db, drop } = await backend.open());
    await migrateAll(db);
    uploadsDir = await mkdtemp(path.join(tmpdir(), 'alaqan-step-'));
    const people = await db.query<{ id: string }>(
      "insert into applicants (email, locale) values ('a@example.kz', 'kk'), ('b@example.kz', 'kk') returning id",
    );
    applicantId = people[0]?.id ?? '';
    stranger = people[1]?.id ?? '';
  });
  afterEach(async () => {
    await drop();
    await rm(uploadsDir, { recursive: true, force: true });
  });

  /** The applicant's draft with the example's answers saved up to (not including) `until`. */
  async function draftUpTo(until: 'documents' | 'none', lang: Locale = 'kk'): Promise<DocumentsStepContext> {
    const { id } = await openDraft(db, applicantId, lang);
    for (const [step, data] of exampleSteps) {
      if (step === until) break;
      const saved = await saveStep(db, { applicantId, applicationId: id, step, data });
      if (saved.status !== 'saved') throw new Error(`${step}: ${saved.status}`);
    }
    return { lang, applicantId, draft: await openDraft(db, applicantId, lang) };
  }

  const post = (step: DocumentsStepContext, fields: Record<string, string | File>) =>
    handleDocumentsStep(db, { ...step, form: formOf(fields), uploadsDir });
  const documentsOf = (step: DocumentsStepContext) => listDocuments(db, { applicantId, draftId: step.draft.id });
  const addTo = async (step: DocumentsStepContext, owner = applicantId) => {
    const added = await addDocument(db, {
      application: { applicantId: owner, draftId: step.draft.id },
      kind: 'identity',
      fileName: 'passport.pdf',
      bytes: pdf,
      uploadsDir,
    });
    if (added.status !== 'added') throw new Error(added.status);
    return added.id;
  };

  describe('Save and continue', () => {
    it('passes the step with no documents and goes back to the task list (the section is done)', async () => {
      const step = await draftUpTo('documents');
      expect(await post(step, { intent: 'continue' })).toEqual({ type: 'redirect', to: '/kk/apply/tasks/' });
      expect((await openDraft(db, applicantId, 'kk')).answers.documents).toEqual({});
    });

    it('goes back to the check page when it came from there and every step is answered', async () => {
      const step = await draftUpTo('none', 'ru');
      expect(await post(step, { intent: 'continue', return: 'check' })).toEqual({
        type: 'redirect',
        to: '/ru/apply/check/',
      });
      // Without the way back, to the task list.
      expect(await post(step, { intent: 'continue' })).toEqual({ type: 'redirect', to: '/ru/apply/tasks/' });
    });

    it('goes to the task list, not the check page, while a later step is unanswered', async () => {
      const step = await draftUpTo('documents');
      expect(await post(step, { intent: 'continue', return: 'check' })).toEqual({
        type: 'redirect',
        to: '/kk/apply/tasks/',
      });
    });

    it('uploads a file chosen but not uploaded, then goes on: a chosen file is never dropped', async () => {
      const step = await draftUpTo('documents');
      const file = new File([pdf], 'passport.pdf', { type: 'application/pdf' });
      expect(await post(step, { intent: 'continue', kind: 'identity', file })).toEqual({
        type: 'redirect',
        to: '/kk/apply/tasks/',
      });
      expect((await documentsOf(step)).map((document) => document.originalName)).toEqual(['passport.pdf']);
    });

    it('stops, saying why, when the chosen file cannot be uploaded, and saves nothing', async () => {
      const step = await draftUpTo('documents');
      const file = new File([pdf], 'passport.pdf', { type: 'application/pdf' });
      expect(await post(step, { intent: 'continue', file })).toEqual({
        type: 'refused',
        problem: 'kind',
        kind: undefined,
        fileMissing: false,
        returnToCheck: false,
        whileContinuing: true,
      });
      const fake = new File([disguised], 'income.pdf', { type: 'application/pdf' });
      expect(await post(step, { intent: 'continue', kind: 'income', file: fake })).toMatchObject({
        type: 'refused',
        problem: 'wrong-type',
        whileContinuing: true,
      });
      expect(await documentsOf(step)).toEqual([]);
      expect((await openDraft(db, applicantId, 'kk')).answers.documents).toBeUndefined();
    });

    it('sends a draft whose earlier steps are unanswered to the first of them, and saves nothing', async () => {
      const { id } = await openDraft(db, applicantId, 'en');
      await saveStep(db, { applicantId, applicationId: id, step: 'form', data: exampleAnswers.form });
      const step = { lang: 'en' as const, applicantId, draft: await openDraft(db, applicantId, 'en') };
      expect(await post(step, { intent: 'continue' })).toEqual({ type: 'redirect', to: '/en/apply/applicant/' });
      expect((await openDraft(db, applicantId, 'en')).answers.documents).toBeUndefined();
    });

    it('does not save into someone else’s draft', async () => {
      const step = await draftUpTo('documents');
      const result = await post({ ...step, applicantId: stranger }, { intent: 'continue' });
      expect(result).toEqual({ type: 'redirect', to: '/kk/apply/documents/' });
      expect((await openDraft(db, applicantId, 'kk')).answers.documents).toBeUndefined();
    });
  });

  describe('an upload', () => {
    it('adds the document and comes back to the list with a notice, keeping the way back', async () => {
      const step = await draftUpTo('documents');
      const file = new File([pdf], 'passport.pdf', { type: 'application/pdf' });
      expect(await post(step, { intent: 'upload', kind: 'identity', file })).toEqual({
        type: 'redirect',
        to: '/kk/apply/documents/?added=1#documents-heading',
      });
      expect(await post(step, { intent: 'upload', kind: 'income', file, return: 'check' })).toEqual({
        type: 'redirect',
        to: '/kk/apply/documents/?return=check&added=1#documents-heading',
      });
      expect((await documentsOf(step)).map((document) => document.kind)).toEqual(['identity', 'income']);
    });

    it('is refused in place with the problem and what was chosen, and writes nothing', async () => {
      const step = await draftUpTo('documents');
      const file = new File([disguised], 'income.pdf', { type: 'application/pdf' });
      expect(await post(step, { intent: 'upload', kind: 'income', file, return: 'check' })).toEqual({
        type: 'refused',
        problem: 'wrong-type',
        kind: 'income',
        fileMissing: false,
        returnToCheck: true,
        whileContinuing: false,
      });
      expect(await post(step, { intent: 'upload', file })).toEqual({
        type: 'refused',
        problem: 'kind',
        kind: undefined,
        fileMissing: false,
        returnToCheck: false,
        whileContinuing: false,
      });
      expect(await post(step, { intent: 'upload', kind: 'medical' })).toEqual({
        type: 'refused',
        problem: 'missing',
        kind: 'medical',
        fileMissing: false,
        returnToCheck: false,
        whileContinuing: false,
      });
      // Neither a kind nor a file: both are said at once.
      expect(await post(step, { intent: 'upload' })).toMatchObject({ problem: 'kind', fileMissing: true });
      expect(await documentsOf(step)).toEqual([]);
      expect(await readdir(uploadsDir)).toEqual([]);
    });

    it('starts the journey again when the draft was sent meanwhile (another tab)', async () => {
      const step = await draftUpTo('documents');
      await db.query("update applications set reference = 'AQ-0000-0000-0', status = 'submitted' where id = $1", [
        step.draft.id,
      ]);
      const file = new File([pdf], 'passport.pdf', { type: 'application/pdf' });
      expect(await post(step, { intent: 'upload', kind: 'identity', file })).toEqual({
        type: 'redirect',
        to: '/kk/apply/tasks/',
      });
      expect(await readdir(uploadsDir)).toEqual([]);
    });
  });

  describe('a removal', () => {
    it('asks first: a removal without the confirmation leads to the page that asks, and removes nothing', async () => {
      const step = await draftUpTo('documents');
      const id = await addTo(step);
      expect(await post(step, { intent: 'remove', document: id, return: 'check' })).toEqual({
        type: 'redirect',
        to: `/kk/apply/documents/remove/?document=${id}&return=check`,
      });
      expect((await documentsOf(step)).map((document) => document.id)).toEqual([id]);
    });

    it('removes the document, file and all, and comes back to the list with a notice', async () => {
      const step = await draftUpTo('documents');
      const id = await addTo(step);
      expect(await post(step, { intent: 'remove', confirm: 'yes', document: id })).toEqual({
        type: 'redirect',
        to: '/kk/apply/documents/?removed=1',
      });
      expect(await documentsOf(step)).toEqual([]);
      expect(await readdir(uploadsDir)).toEqual([]);
    });

    it('keeps the way back to the check page', async () => {
      const step = await draftUpTo('documents', 'en');
      const id = await addTo(step);
      expect(await post(step, { intent: 'remove', confirm: 'yes', document: id, return: 'check' })).toEqual({
        type: 'redirect',
        to: '/en/apply/documents/?return=check&removed=1',
      });
    });

    it('removes nothing of someone else’s, nor for a form without a document, and answers the same', async () => {
      const step = await draftUpTo('documents');
      const id = await addTo(step);
      const removed = { type: 'redirect', to: '/kk/apply/documents/?removed=1' };
      const confirmed = { intent: 'remove', confirm: 'yes' };
      expect(await post({ ...step, applicantId: stranger }, { ...confirmed, document: id })).toEqual(removed);
      expect(await post(step, confirmed)).toEqual(removed);
      expect(await post(step, { ...confirmed, document: 'not-an-id' })).toEqual(removed);
      expect((await documentsOf(step)).map((document) => document.id)).toEqual([id]);
      expect(await readdir(uploadsDir)).toHaveLength(1);
    });
  });

  it('does not know a form without an intent, or with another one', async () => {
    const step = await draftUpTo('documents');
    expect(await post(step, {})).toEqual({ type: 'unexpected' });
    expect(await post(step, { intent: 'delete' })).toEqual({ type: 'unexpected' });
    expect((await openDraft(db, applicantId, 'kk')).answers.documents).toBeUndefined();
  });

  describe('what the page shows', () => {
    it('lists what this applicant needs with what is uploaded, its place in the journey and the way back', async () => {
      const step = await draftUpTo('documents');
      const id = await addTo(step);
      const view = await documentsStepView(db, { ...step, returnToCheck: false });
      // A single applicant living with her mother: no marriage certificate, her mother's consent.
      expect(view.rows.map((row) => row.kind)).toEqual([
        'identity',
        'relatives-consent',
        'income',
        'medical',
        'no-criminal-record',
        'housing',
        'school-certificate',
      ]);
      expect(view.rows[0]?.files.map((document) => document.id)).toEqual([id]);
      expect(view.rows.slice(1).every((row) => row.files.length === 0)).toBe(true);
      expect(view).toMatchObject({ back: '/kk/apply/tasks/' });
      expect((await documentsStepView(db, { ...step, returnToCheck: true })).back).toBe('/kk/apply/check/');
    });

    it('shows no one else’s documents', async () => {
      const step = await draftUpTo('documents');
      await addTo(step);
      const view = await documentsStepView(db, { ...step, applicantId: stranger, returnToCheck: false });
      expect(view.rows.every((row) => row.files.length === 0)).toBe(true);
    });
  });
});

describe('the documents step, without a database', () => {
  const entry = (id: string, kind: DocumentEntry['kind']): DocumentEntry => ({
    id,
    kind,
    originalName: `${id}.pdf`,
    mediaType: 'application/pdf',
    sizeBytes: 1,
  });
  const married: Answers = { applicant: { ...exampleAnswers.applicant, maritalStatus: 'married' } };

  it('lists the kinds needed first, then kinds uploaded though not needed, each with its files', () => {
    const rows = documentRows(married, [entry('a', 'other'), entry('b', 'identity'), entry('c', 'other')]);
    expect(rows.map((row) => [row.kind, row.ifAvailable, row.files.map((file) => file.id)])).toEqual([
      ['identity', false, ['b']],
      ['marriage', false, []],
      ['income', false, []],
      ['medical', false, []],
      ['no-criminal-record', false, []],
      ['housing', false, []],
      ['school-certificate', true, []],
      ['other', false, ['a', 'c']],
    ]);
  });

  it('reads the notice a redirect left in the address', () => {
    expect(readDocumentsStepNotice(new URLSearchParams('added=1'))).toBe('added');
    expect(readDocumentsStepNotice(new URLSearchParams('return=check&removed=1'))).toBe('removed');
    expect(readDocumentsStepNotice(new URLSearchParams('return=check'))).toBeUndefined();
  });
});
