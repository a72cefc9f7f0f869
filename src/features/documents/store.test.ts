import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateAll, testDatabases } from '../../../tests/support/databases.ts';
import type { Database } from '../../platform/db/database.ts';
import { documentLimits } from './file-type.ts';
import { changeStatus, deleteApplication, withdrawApplication } from '../applications/store.ts';
import {
  addDocument,
  cleanFileName,
  documentForDownload,
  listDocuments,
  removeDraftDocument,
  sweepOrphanFiles,
  uploadsMarker,
} from './store.ts';

const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');

describe.each(testDatabases)('documents on $name', (backend) => {
  let db: Database;
  let drop: () => Promise<void>;
  let uploadsDir: string;
  let owner: string;
  let stranger: string;
  let draftId: string;
  const sent = 'AQ-0000-0000-0';

  beforeEach(async () => {
    ({ db, drop } = await backend.open());
    await migrateAll(db);
    uploadsDir = await mkdtemp(path.join(tmpdir(), 'alaqan-uploads-'));
    const people = await db.query<{ id: string }>(
      "insert into applicants (email, locale) values ('a@example.kz', 'en'), ('b@example.kz', 'en') returning id",
    );
    owner = people[0]?.id ?? '';
    stranger = people[1]?.id ?? '';
    await db.query(
      "insert into applications (applicant_id, form, locale, reference, status) values ($1, 'adoption', 'en', 'AQ-0000-0000-0', 'submitted')",
      [owner],
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

  const add = (overrides: Partial<Parameters<typeof addDocument>[1]> = {}) =>
    addDocument(db, {
      application: { applicantId: owner, reference: sent },
      kind: 'identity',
      fileName: 'passport.pdf',
      bytes: pdf,
      uploadsDir,
      ...overrides,
    });

  it('keeps a PDF under a random name, for its owner only', async () => {
    const result = await add({ fileName: '../../etc/passport\u0000.pdf' });
    if (result.status !== 'added') throw new Error(result.status);
    const [stored] = await readdir(uploadsDir);
    expect(stored).toMatch(/^[0-9a-f-]{36}$/);
    expect(await readFile(path.join(uploadsDir, stored ?? ''))).toEqual(Buffer.from(pdf));
    expect(await listDocuments(db, { applicantId: owner, reference: sent })).toEqual([
      {
        id: result.id,
        kind: 'identity',
        originalName: 'passport.pdf',
        mediaType: 'application/pdf',
        sizeBytes: pdf.length,
      },
    ]);
    expect(await documentForDownload(db, { applicantId: stranger, documentId: result.id })).toBeUndefined();
    expect(await listDocuments(db, { applicantId: stranger, reference: sent })).toEqual([]);
    expect((await documentForDownload(db, { applicantId: owner, documentId: result.id }))?.mediaType).toBe(
      'application/pdf',
    );
  });

  it('refuses a file disguised as a PDF, and writes nothing', async () => {
    const disguised = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    expect(await add({ fileName: 'income.pdf', bytes: disguised })).toEqual({ status: 'wrong-type' });
    expect(await readdir(uploadsDir)).toEqual([]);
    expect(await db.query('select id from documents')).toEqual([]);
  });

  it('refuses a file over 10 MB and an application over 50 MB', async () => {
    const big = new Uint8Array(documentLimits.fileBytes + 1);
    big.set(pdf);
    expect(await add({ bytes: big })).toEqual({ status: 'too-large' });
    const nine = new Uint8Array(9 * 1024 * 1024);
    nine.set(pdf);
    for (let i = 0; i < 5; i += 1) expect((await add({ bytes: nine })).status).toBe('added');
    expect(await add({ bytes: nine })).toEqual({ status: 'application-full' });
    expect(await readdir(uploadsDir)).toHaveLength(5);
  });

  /** What a refused upload must leave as it was: the rows and the files. */
  async function storedSoFar() {
    return {
      rows: await db.query('select id from documents order by id'),
      files: (await readdir(uploadsDir)).sort(),
    };
  }

  /** Another sent application of the owner's, for a limit across applications. */
  async function anotherSent(reference: string, form = 'guardianship') {
    await db.query(
      "insert into applications (applicant_id, form, locale, reference, status) values ($1, $2, 'en', $3, 'submitted')",
      [owner, form, reference],
    );
    return { applicantId: owner, reference };
  }

  const fullFile = new Uint8Array(documentLimits.fileBytes);
  fullFile.set(pdf);

  it('refuses more than 100 MB for one applicant across their applications, and writes nothing', async () => {
    for (let i = 0; i < 5; i += 1) expect((await add({ bytes: fullFile })).status).toBe('added');
    for (let i = 0; i < 5; i += 1)
      expect((await add({ application: { applicantId: owner, draftId }, bytes: fullFile })).status).toBe('added');
    const third = await anotherSent('AQ-0000-0001-0');
    const before = await storedSoFar();
    expect(await add({ application: third })).toEqual({ status: 'applicant-full' });
    expect(await storedSoFar()).toEqual(before);
    // Another applicant's space is their own.
    const [strangers] = await db.query<{ id: string }>(
      "insert into applications (applicant_id, form, locale) values ($1, 'adoption', 'en') returning id",
      [stranger],
    );
    expect((await add({ application: { applicantId: stranger, draftId: strangers?.id ?? '' } })).status).toBe('added');
  });

  it('keeps to 100 MB for an applicant when uploads to two applications come at once', async () => {
    for (let i = 0; i < 5; i += 1) expect((await add({ bytes: fullFile })).status).toBe('added');
    const third = await anotherSent('AQ-0000-0001-0');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        add({ application: i % 2 ? third : { applicantId: owner, draftId }, bytes: fullFile }),
      ),
    );
    expect(results.filter((result) => result.status === 'added')).toHaveLength(5);
    expect(results.filter((result) => result.status !== 'added')).toEqual(
      Array.from({ length: 5 }, () => ({ status: 'applicant-full' })),
    );
    expect(await db.query('select sum(size_bytes) as bytes from documents')).toEqual([
      { bytes: documentLimits.applicantBytes },
    ]);
    expect(await readdir(uploadsDir)).toHaveLength(10);
  });

  it('refuses more than 30 uploads an hour, even of documents removed since, and writes nothing', async () => {
    const now = new Date();
    const draft = { applicantId: owner, draftId };
    // Upload and remove, again and again: nothing is kept, but every upload counts.
    for (let i = 0; i < documentLimits.uploadsPerHour - 1; i += 1) {
      const added = await add({ application: draft, now });
      if (added.status !== 'added') throw new Error(added.status);
      expect(await removeDraftDocument(db, { ...draft, documentId: added.id, uploadsDir })).toBe(true);
    }
    expect((await add({ now })).status).toBe('added');
    const before = await storedSoFar();
    expect(await add({ now })).toEqual({ status: 'too-many-uploads' });
    expect(await add({ application: draft, now: new Date(now.getTime() + 59 * 60_000) })).toEqual({
      status: 'too-many-uploads',
    });
    expect(await storedSoFar()).toEqual(before);
    expect((await add({ now: new Date(now.getTime() + 61 * 60_000) })).status).toBe('added');
  });

  it('keeps to 30 uploads an hour when they come at once', async () => {
    const results = await Promise.all(
      Array.from({ length: documentLimits.uploadsPerHour + 10 }, (_, i) =>
        add({ application: i % 2 ? { applicantId: owner, draftId } : { applicantId: owner, reference: sent } }),
      ),
    );
    expect(results.filter((result) => result.status === 'added')).toHaveLength(documentLimits.uploadsPerHour);
    expect(results.filter((result) => result.status === 'too-many-uploads')).toHaveLength(10);
    expect(await readdir(uploadsDir)).toHaveLength(documentLimits.uploadsPerHour);
  });

  it('does not add to a withdrawn or closed application, and writes nothing', async () => {
    const link = (locale: string, reference: string) => `https://alaqan.test/${locale}/account/${reference}/`;
    const [application] = await db.query<{ id: string }>('select id from applications where reference = $1', [sent]);
    expect(await withdrawApplication(db, { applicantId: owner, applicationId: application?.id ?? '', link })).toEqual({
      status: 'changed',
      from: 'submitted',
      to: 'withdrawn',
    });
    expect(await add()).toEqual({ status: 'application-closed' });
    const other = await anotherSent('AQ-0000-0001-0', 'adoption');
    const [closing] = await db.query<{ id: string }>('select id from applications where reference = $1', [
      other.reference,
    ]);
    expect(
      (await changeStatus(db, { applicationId: closing?.id ?? '', to: 'closed', actor: { kind: 'system' }, link }))
        .status,
    ).toBe('changed');
    expect(await add({ application: other })).toEqual({ status: 'application-closed' });
    expect(await readdir(uploadsDir)).toEqual([]);
    expect(await db.query('select id from documents')).toEqual([]);
  });

  it('does not add to someone else’s application', async () => {
    expect(await add({ application: { applicantId: stranger, reference: sent } })).toEqual({ status: 'not-found' });
    expect(await add({ application: { applicantId: stranger, draftId } })).toEqual({ status: 'not-found' });
    expect(await readdir(uploadsDir)).toEqual([]);
  });

  it('adds documents to the draft being written, and removes them, file and all, while it is a draft', async () => {
    const draft = { applicantId: owner, draftId };
    const added = await add({ application: draft });
    if (added.status !== 'added') throw new Error(added.status);
    expect((await listDocuments(db, draft)).map((document) => document.id)).toEqual([added.id]);
    // The draft's documents are not the sent application's, and a stranger cannot remove them.
    expect(await listDocuments(db, { applicantId: owner, reference: sent })).toEqual([]);
    expect(await removeDraftDocument(db, { applicantId: stranger, draftId, documentId: added.id, uploadsDir })).toBe(
      false,
    );
    expect(await readdir(uploadsDir)).toHaveLength(1);
    expect(await removeDraftDocument(db, { ...draft, documentId: 'not-an-id', uploadsDir })).toBe(false);
    expect(await removeDraftDocument(db, { ...draft, documentId: added.id, uploadsDir })).toBe(true);
    expect(await listDocuments(db, draft)).toEqual([]);
    expect(await readdir(uploadsDir)).toEqual([]);
  });

  it('keeps the documents of a sent application: they cannot be removed as a draft’s', async () => {
    const added = await add();
    if (added.status !== 'added') throw new Error(added.status);
    const [application] = await db.query<{ id: string }>('select id from applications where reference = $1', [sent]);
    expect(
      await removeDraftDocument(db, {
        applicantId: owner,
        draftId: application?.id ?? '',
        documentId: added.id,
        uploadsDir,
      }),
    ).toBe(false);
    expect(await readdir(uploadsDir)).toHaveLength(1);
  });

  it('deletes the files with the application', async () => {
    expect((await add()).status).toBe('added');
    expect((await add({ application: { applicantId: owner, draftId } })).status).toBe('added');
    expect(await readdir(uploadsDir)).toHaveLength(2);
    // Only the applicant's own draft may be discarded by them; a stranger's attempt changes nothing.
    expect(await deleteApplication(db, { applicationId: draftId, uploadsDir, onlyDraftOf: stranger })).toBe(false);
    expect(await readdir(uploadsDir)).toHaveLength(2);
    expect(await deleteApplication(db, { applicationId: draftId, uploadsDir, onlyDraftOf: owner })).toBe(true);
    expect(await db.query('select id from applications where id = $1', [draftId])).toEqual([]);
    expect(await readdir(uploadsDir)).toHaveLength(1);
    const [application] = await db.query<{ id: string }>('select id from applications where reference = $1', [sent]);
    expect(await deleteApplication(db, { applicationId: application?.id ?? '', uploadsDir })).toBe(true);
    expect(await readdir(uploadsDir)).toEqual([]);
    expect(await db.query('select id from documents')).toEqual([]);
  });

  it('sweeps away old files no document points to, and nothing else', async () => {
    const added = await add();
    if (added.status !== 'added') throw new Error(added.status);
    const [kept] = await readdir(uploadsDir);
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(path.join(uploadsDir, kept ?? ''), twoHoursAgo, twoHoursAgo);
    await writeFile(path.join(uploadsDir, 'orphan-old'), pdf);
    await utimes(path.join(uploadsDir, 'orphan-old'), twoHoursAgo, twoHoursAgo);
    // A file being uploaded right now, whose row is not yet committed, is young: it stays.
    await writeFile(path.join(uploadsDir, 'upload-in-progress'), pdf);
    expect(await sweepOrphanFiles(db, uploadsDir)).toEqual({ status: 'swept', files: ['orphan-old'] });
    expect((await readdir(uploadsDir)).sort()).toEqual([kept, 'upload-in-progress', uploadsMarker].sort());
  });

  it('never sweeps a folder that belongs to another database, or holds only files this one does not know', async () => {
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await writeFile(path.join(uploadsDir, 'someone-elses'), pdf);
    await utimes(path.join(uploadsDir, 'someone-elses'), twoHoursAgo, twoHoursAgo);
    // An empty or restored database, or the wrong DATABASE_URL: none of the files is known.
    expect(await sweepOrphanFiles(db, uploadsDir)).toEqual({ status: 'skipped', reason: 'unmarked' });
    await writeFile(path.join(uploadsDir, uploadsMarker), '00000000-0000-4000-8000-000000000000');
    expect(await sweepOrphanFiles(db, uploadsDir)).toEqual({ status: 'skipped', reason: 'other-database' });
    expect(await readdir(uploadsDir)).toContain('someone-elses');
  });

  it('marks a new uploads folder as this database’s', async () => {
    const fresh = path.join(uploadsDir, 'new-folder');
    expect(await sweepOrphanFiles(db, fresh)).toEqual({ status: 'swept', files: [] });
    const [identity] = await db.query<{ id: string }>('select id from portal_identity');
    expect(await readFile(path.join(fresh, uploadsMarker), 'utf8')).toBe(identity?.id);
  });
});

describe('file names', () => {
  it('lose folders and control characters', () => {
    expect(cleanFileName('C:\\Users\\x\\паспорт.pdf', 'application/pdf')).toBe('паспорт.pdf');
    expect(cleanFileName('\u202egpj.exe', 'image/jpeg')).toBe('gpj.exe.jpg');
    expect(cleanFileName('', 'application/pdf')).toBe('document.pdf');
  });

  it('end in the extension of what the file is, and never take one from past a NUL (I4)', () => {
    expect(cleanFileName('evil.pdf\u0000.html', 'application/pdf')).toBe('evil.pdf');
    expect(cleanFileName('evil.html', 'application/pdf')).toBe('evil.html.pdf');
    expect(cleanFileName('scan.JPEG', 'image/jpeg')).toBe('scan.JPEG');
    expect(cleanFileName('photo.jpg', 'image/png')).toBe('photo.jpg.png');
    expect(cleanFileName(`${'a'.repeat(200)}.pdf`, 'application/pdf')).toHaveLength(124);
  });
});
