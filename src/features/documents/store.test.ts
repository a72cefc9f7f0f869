import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../tests/support/databases.ts';
import type { Database } from '../../server/db/database.ts';
import { migrate } from '../../server/db/migrations.ts';
import { documentLimits } from './file-type.ts';
import { addDocument, cleanFileName, documentForDownload, listDocuments } from './store.ts';

const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');

describe.each(testDatabases)('documents on $name', (backend) => {
  let db: Database;
  let drop: () => Promise<void>;
  let uploadsDir: string;
  let owner: string;
  let stranger: string;

  beforeEach(async () => {
    ({ db, drop } = await backend.open());
    await migrate(db);
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
  });
  afterEach(async () => {
    await drop();
    await rm(uploadsDir, { recursive: true, force: true });
  });

  const add = (overrides: Partial<Parameters<typeof addDocument>[1]> = {}) =>
    addDocument(db, {
      applicantId: owner,
      reference: 'AQ-0000-0000-0',
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
    expect(await listDocuments(db, { applicantId: owner, reference: 'AQ-0000-0000-0' })).toEqual([
      {
        id: result.id,
        kind: 'identity',
        originalName: 'passport.pdf',
        mediaType: 'application/pdf',
        sizeBytes: pdf.length,
      },
    ]);
    expect(await documentForDownload(db, { applicantId: stranger, documentId: result.id })).toBeUndefined();
    expect(await listDocuments(db, { applicantId: stranger, reference: 'AQ-0000-0000-0' })).toEqual([]);
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

  it('does not add to someone else’s application', async () => {
    expect(await add({ applicantId: stranger })).toEqual({ status: 'not-found' });
    expect(await readdir(uploadsDir)).toEqual([]);
  });
});

describe('file names', () => {
  it('lose folders and control characters', () => {
    expect(cleanFileName('C:\\Users\\x\\паспорт.pdf')).toBe('паспорт.pdf');
    expect(cleanFileName('\u202egpj.exe')).toBe('gpj.exe');
    expect(cleanFileName('')).toBe('document');
  });
});
