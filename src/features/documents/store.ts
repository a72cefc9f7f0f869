/**
 * Documents of an application: checked by content, kept under a random name outside the served
 * files, listed and downloadable only by the applicant they belong to.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../server/db/database.ts';
import { documentLimits, sniffDocumentType, type DocumentKind, type DocumentType } from './file-type.ts';

export type AddResult =
  | { status: 'added'; id: string }
  | { status: 'wrong-type' }
  | { status: 'too-large' }
  | { status: 'application-full' }
  | { status: 'missing' }
  | { status: 'not-found' };

/** A file name fit to show: no folders, no control characters, not too long. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return clean.slice(0, 120) || 'document';
}

export async function addDocument(
  db: Database,
  input: {
    applicantId: string;
    reference: string;
    kind: DocumentKind;
    fileName: string;
    bytes: Uint8Array;
    uploadsDir: string;
  },
): Promise<AddResult> {
  if (input.bytes.length === 0) return { status: 'missing' };
  if (input.bytes.length > documentLimits.fileBytes) return { status: 'too-large' };
  const mediaType = sniffDocumentType(input.bytes.subarray(0, 16));
  if (!mediaType) return { status: 'wrong-type' };
  const storedName = randomUUID();
  const file = path.join(input.uploadsDir, storedName);
  return db.transaction(async (tx) => {
    const [application] = await tx.query<{ id: string }>(
      'select id from applications where reference = $1 and applicant_id = $2 for update',
      [input.reference, input.applicantId],
    );
    if (!application) return { status: 'not-found' };
    const [total] = await tx.query<{ bytes: string | number | null }>(
      'select sum(size_bytes) as bytes from documents where application_id = $1',
      [application.id],
    );
    if (Number(total?.bytes ?? 0) + input.bytes.length > documentLimits.applicationBytes)
      return { status: 'application-full' };
    await mkdir(input.uploadsDir, { recursive: true });
    await writeFile(file, input.bytes, { flag: 'wx' });
    try {
      const [row] = await tx.query<{ id: string }>(
        `insert into documents (application_id, kind, original_name, stored_name, media_type, size_bytes)
         values ($1, $2, $3, $4, $5, $6) returning id`,
        [application.id, input.kind, cleanFileName(input.fileName), storedName, mediaType, input.bytes.length],
      );
      if (!row) throw new Error('the document was not saved');
      return { status: 'added', id: row.id };
    } catch (error) {
      // No row, no file: nothing half-written stays behind.
      await rm(file, { force: true });
      throw error;
    }
  });
}

export interface DocumentEntry {
  id: string;
  kind: DocumentKind;
  originalName: string;
  mediaType: DocumentType;
  sizeBytes: number;
}

export async function listDocuments(
  db: Database,
  input: { applicantId: string; reference: string },
): Promise<DocumentEntry[]> {
  const rows = await db.query<{
    id: string;
    kind: DocumentKind;
    original_name: string;
    media_type: DocumentType;
    size_bytes: number;
  }>(
    `select documents.id, documents.kind, documents.original_name, documents.media_type, documents.size_bytes
     from documents join applications on applications.id = documents.application_id
     where applications.reference = $1 and applications.applicant_id = $2 order by documents.created_at`,
    [input.reference, input.applicantId],
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    originalName: row.original_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
  }));
}

/** The stored file of a document, if it belongs to this applicant. */
export async function documentForDownload(
  db: Database,
  input: { applicantId: string; documentId: string },
): Promise<{ storedName: string; mediaType: DocumentType; originalName: string } | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(input.documentId)) return undefined;
  const [row] = await db.query<{ stored_name: string; media_type: DocumentType; original_name: string }>(
    `select documents.stored_name, documents.media_type, documents.original_name
     from documents join applications on applications.id = documents.application_id
     where documents.id = $1 and applications.applicant_id = $2`,
    [input.documentId, input.applicantId],
  );
  return row ? { storedName: row.stored_name, mediaType: row.media_type, originalName: row.original_name } : undefined;
}
