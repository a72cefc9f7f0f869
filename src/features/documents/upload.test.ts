import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateAll, testDatabases } from '../../../tests/support/databases.ts';
import type { Database } from '../../platform/db/database.ts';
import { withdrawApplication } from '../applications/store.ts';
import { documentLimits } from './file-type.ts';
import { listDocuments, type ApplicationRef } from './store.ts';
import { handleUpload, isUploadProblem, readUploadNotice, uploadNotice, type UploadResult } from './upload.ts';

const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
const disguised = new TextEncoder().encode('<html><script>alert(1)</script></html>');

/** A form as the upload form posts it; a field left out is not sent. */
function uploadForm(fields: { kind?: string; file?: File | string }): FormData {
  const form = new FormData();
  if (fields.kind !== undefined) form.set('kind', fields.kind);
  if (fields.file !== undefined) form.set('file', fields.file);
  return form;
}

const fileOf = (bytes: Uint8Array<ArrayBuffer>, name = 'passport.pdf') =>
  new File([bytes], name, { type: 'application/pdf' });

describe.each(testDatabases)('an upload on $name', (backend) => {
  let db: Database;
  let drop: () => Promise<void>;
  let uploadsDir: string;
  let owner: string;
  let stranger: string;
  let draftId: string;
  const reference = 'AQ-0000-0000-0';

  beforeEach(async () => {
    ({ db, drop } = await backend.open());
    await migrateAll(db);
    uploadsDir = await mkdtemp(path.join(tmpdir(), 'alaqan-upload-'));
    const people = await db.query<{ id: string }>(
      "insert into applicants (email, locale) values ('a@example.kz', 'en'), ('b@example.kz', 'en') returning id",
    );
    owner = people[0]?.id ?? '';
    stranger = people[1]?.id ?? '';
    await db.query(
      "insert into applications (applicant_id, form, locale, reference, status) values ($1, 'adoption', 'en', $2, 'submitted')",
      [owner, reference],
    );
    const [draft] = await db.query<{ id: string }>(
      "insert into applications (applicant_id, form, locale) values ($1, 'adoption', 'en') returning id",
      [owner],
    );
    draftId = draft?.id ?? '';
  });
  afterEach(async () => {
    await drop();
    await rm(uploadsDir, { recursive: true, force: true });
  });

  const sent = (): ApplicationRef => ({ applicantId: owner, reference });
  const upload = (form: FormData, application: ApplicationRef = sent()) =>
    handleUpload(db, { form, application, uploadsDir });

  /** A refusal writes nothing: no row, no file. */
  async function expectNothingWritten() {
    expect(await listDocuments(db, sent())).toEqual([]);
    expect(await listDocuments(db, { applicantId: owner, draftId })).toEqual([]);
    expect(await readdir(uploadsDir)).toEqual([]);
  }

  it('adds a PDF of a known kind to a sent application', async () => {
    const result = await upload(uploadForm({ kind: 'identity', file: fileOf(pdf) }));
    if (result.status !== 'added') throw new Error(result.status);
    expect(await listDocuments(db, sent())).toEqual([
      {
        id: result.id,
        kind: 'identity',
        originalName: 'passport.pdf',
        mediaType: 'application/pdf',
        sizeBytes: pdf.length,
      },
    ]);
    expect(await readdir(uploadsDir)).toHaveLength(1);
  });

  it('adds to the draft being written', async () => {
    const result = await upload(uploadForm({ kind: 'income', file: fileOf(pdf, 'salary.pdf') }), {
      applicantId: owner,
      draftId,
    });
    expect(result.status).toBe('added');
    expect((await listDocuments(db, { applicantId: owner, draftId })).map((document) => document.kind)).toEqual([
      'income',
    ]);
  });

  it('refuses a form without a kind, or with one that is not ours, before reading the file', async () => {
    expect(await upload(uploadForm({ file: fileOf(pdf) }))).toEqual({
      status: 'refused',
      problem: 'kind',
      kind: undefined,
      fileMissing: false,
    });
    expect(await upload(uploadForm({ kind: 'passport', file: fileOf(pdf) }))).toEqual({
      status: 'refused',
      problem: 'kind',
      kind: undefined,
      fileMissing: false,
    });
    // A form with neither is asked for both at once: the kind, and the file.
    expect(await upload(uploadForm({}))).toEqual({
      status: 'refused',
      problem: 'kind',
      kind: undefined,
      fileMissing: true,
    });
    await expectNothingWritten();
  });

  it('refuses a form without a file, keeping the kind chosen', async () => {
    const missing = { status: 'refused', problem: 'missing', kind: 'medical' };
    expect(await upload(uploadForm({ kind: 'medical' }))).toEqual(missing);
    // A text field named "file" (a tampered form) is no file either.
    expect(await upload(uploadForm({ kind: 'medical', file: '%PDF-1.7' }))).toEqual(missing);
    await expectNothingWritten();
  });

  it('refuses an empty file (a file input left empty sends one)', async () => {
    expect(await upload(uploadForm({ kind: 'housing', file: fileOf(new Uint8Array(), '') }))).toEqual({
      status: 'refused',
      problem: 'missing',
      kind: 'housing',
    });
    await expectNothingWritten();
  });

  it('refuses a file that is not a PDF, JPEG or PNG by its bytes, whatever its name', async () => {
    expect(await upload(uploadForm({ kind: 'income', file: fileOf(disguised, 'income.pdf') }))).toEqual({
      status: 'refused',
      problem: 'wrong-type',
      kind: 'income',
    });
    await expectNothingWritten();
  });

  it('refuses a file over 10 MB', async () => {
    const big = new Uint8Array(documentLimits.fileBytes + 1);
    big.set(pdf);
    expect(await upload(uploadForm({ kind: 'identity', file: fileOf(big) }))).toEqual({
      status: 'refused',
      problem: 'too-large',
      kind: 'identity',
    });
    await expectNothingWritten();
  });

  it('refuses to add to a withdrawn application', async () => {
    const [row] = await db.query<{ id: string }>('select id from applications where reference = $1', [reference]);
    await withdrawApplication(db, { applicantId: owner, applicationId: row?.id ?? '', link: () => '' });
    expect(await upload(uploadForm({ kind: 'identity', file: fileOf(pdf) }))).toEqual({
      status: 'refused',
      problem: 'application-closed',
      kind: 'identity',
    });
    await expectNothingWritten();
  });

  it('finds no application of someone else, an unknown reference, or a draft already sent', async () => {
    const form = () => uploadForm({ kind: 'identity', file: fileOf(pdf) });
    expect(await upload(form(), { applicantId: stranger, reference })).toEqual({ status: 'not-found' });
    expect(await upload(form(), { applicantId: owner, reference: 'AQ-1111-1111-1' })).toEqual({
      status: 'not-found',
    });
    expect(await upload(form(), { applicantId: stranger, draftId })).toEqual({ status: 'not-found' });
    await db.query("update applications set reference = 'AQ-2222-2222-2', status = 'submitted' where id = $1", [
      draftId,
    ]);
    expect(await upload(form(), { applicantId: owner, draftId })).toEqual({ status: 'not-found' });
    expect(await readdir(uploadsDir)).toEqual([]);
  });
});

describe('the upload notice in an address', () => {
  const shown: Exclude<UploadResult, { status: 'not-found' }>[] = [
    { status: 'added', id: 'x' },
    { status: 'refused', problem: 'kind', kind: undefined },
    { status: 'refused', problem: 'wrong-type', kind: 'income' },
    { status: 'refused', problem: 'application-closed', kind: 'identity' },
  ];

  it('is read back as it was written', () => {
    for (const result of shown) expect(readUploadNotice(uploadNotice(result))).toBe(uploadNotice(result));
    expect(uploadNotice({ status: 'added', id: 'x' })).toBe('added');
    expect(uploadNotice({ status: 'refused', problem: 'too-large', kind: 'medical' })).toBe('too-large');
  });

  it('is nothing when absent or hand-typed', () => {
    expect(readUploadNotice(null)).toBeUndefined();
    expect(readUploadNotice('')).toBeUndefined();
    expect(readUploadNotice('not-found')).toBeUndefined();
    expect(readUploadNotice('toString')).toBeUndefined();
    expect(isUploadProblem('constructor')).toBe(false);
  });
});
