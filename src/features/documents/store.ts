/**
 * Documents of an application: checked by content, kept under a random name outside the served
 * files, listed and downloadable only by the applicant they belong to.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../platform/db/database.ts';
import { isApplicationStatus, isFinal } from '../applications/status.ts';
import { documentLimits, sniffDocumentType, type DocumentKind, type DocumentType } from './file-type.ts';

/**
 * Which application a document belongs to, always one of the applicant's own: a sent one by its
 * reference, or the draft being written by its id.
 */
export type ApplicationRef = { applicantId: string } & ({ reference: string } | { draftId: string });

/** The SQL condition (on table `applications`) and its two parameters that pick out that application. */
function owned(application: ApplicationRef): { condition: string; params: [string, string] } {
  return 'reference' in application
    ? {
        condition: 'applications.reference = $1 and applications.applicant_id = $2',
        params: [application.reference, application.applicantId],
      }
    : {
        condition: 'applications.id = $1 and applications.applicant_id = $2 and applications.reference is null',
        params: [application.draftId, application.applicantId],
      };
}

export type AddResult =
  | { status: 'added'; id: string }
  | { status: 'wrong-type' }
  | { status: 'too-large' }
  | { status: 'application-full' }
  /** The applicant's documents, in all their applications together, would pass their limit. */
  | { status: 'applicant-full' }
  /** The applicant has uploaded as many documents as an hour allows. */
  | { status: 'too-many-uploads' }
  /** The application is closed or withdrawn: nothing more is added to it. */
  | { status: 'application-closed' }
  | { status: 'missing' }
  | { status: 'not-found' };

const extensionOf: Record<DocumentType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
};

/**
 * A file name fit to show and to download under: no folders, nothing after a NUL (where other
 * systems would cut it), no control or direction characters, not too long, and ending in the
 * extension of what the file really is, so `evil.pdf\0.html` cannot become `evil.pdf.html`.
 */
export function cleanFileName(name: string, mediaType: DocumentType): string {
  const base = name.split('\0')[0]?.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  const extensions = extensionOf[mediaType];
  const stem = (clean || 'document').slice(0, 120);
  return extensions.some((extension) => stem.toLowerCase().endsWith(extension))
    ? stem
    : `${stem}${extensions[0] ?? ''}`;
}

/**
 * Adds a document to one of the applicant's applications, within the limits of `documentLimits`:
 * per file, per application, per applicant, and uploads per hour. A refusal writes nothing.
 */
export async function addDocument(
  db: Database,
  input: {
    application: ApplicationRef;
    kind: DocumentKind;
    fileName: string;
    bytes: Uint8Array;
    uploadsDir: string;
    now?: Date;
  },
): Promise<AddResult> {
  if (input.bytes.length === 0) return { status: 'missing' };
  if (input.bytes.length > documentLimits.fileBytes) return { status: 'too-large' };
  const mediaType = sniffDocumentType(input.bytes.subarray(0, 16));
  if (!mediaType) return { status: 'wrong-type' };
  const now = input.now ?? new Date();
  const hourAgo = new Date(now.getTime() - 60 * 60 * 1000).toISOString();
  const { applicantId } = input.application;
  const storedName = randomUUID();
  const file = path.join(input.uploadsDir, storedName);
  const { condition, params } = owned(input.application);
  return db.transaction(async (tx) => {
    // The applicant's row first, then the application's (the order submitApplication keeps too):
    // uploads to two applications of one applicant then count their limits one after the other,
    // so parallel uploads cannot all find room that only one of them has.
    const [applicant] = await tx.query('select id from applicants where id = $1 for update', [applicantId]);
    if (!applicant) return { status: 'not-found' };
    const [application] = await tx.query<{ id: string; status: string | null }>(
      `select applications.id, applications.status from applications where ${condition} for update`,
      params,
    );
    if (!application) return { status: 'not-found' };
    if (isApplicationStatus(application.status) && isFinal(application.status)) return { status: 'application-closed' };
    const [usage] = await tx.query<{ application_bytes: number; applicant_bytes: number; recent_uploads: number }>(
      `select
         (select coalesce(sum(size_bytes), 0) from documents where application_id = $1) as application_bytes,
         (select coalesce(sum(documents.size_bytes), 0)
            from documents join applications on applications.id = documents.application_id
            where applications.applicant_id = $2) as applicant_bytes,
         (select count(*) from upload_log where applicant_id = $2 and created_at > $3) as recent_uploads`,
      [application.id, applicantId, hourAgo],
    );
    if (!usage) throw new Error('the document usage was not read');
    if (usage.recent_uploads >= documentLimits.uploadsPerHour) return { status: 'too-many-uploads' };
    if (usage.application_bytes + input.bytes.length > documentLimits.applicationBytes)
      return { status: 'application-full' };
    if (usage.applicant_bytes + input.bytes.length > documentLimits.applicantBytes) return { status: 'applicant-full' };
    await mkdir(input.uploadsDir, { recursive: true });
    await writeFile(file, input.bytes, { flag: 'wx' });
    try {
      const [row] = await tx.query<{ id: string }>(
        `insert into documents (application_id, kind, original_name, stored_name, media_type, size_bytes, created_at)
         values ($1, $2, $3, $4, $5, $6, $7) returning id`,
        [
          application.id,
          input.kind,
          cleanFileName(input.fileName, mediaType),
          storedName,
          mediaType,
          input.bytes.length,
          now.toISOString(),
        ],
      );
      if (!row) throw new Error('the document was not saved');
      // A document added to a sent application is an event of its timeline: the caseworker sees it
      // arrive (an answer to a request, say), and the applicant sees it was received.
      if (isApplicationStatus(application.status))
        await tx.query(
          `insert into application_events (application_id, status, created_at, actor_kind, actor_id, kind, detail)
           values ($1, $2, $3, 'applicant', $4, 'upload', $5)`,
          [application.id, application.status, now.toISOString(), applicantId, JSON.stringify({ kind: input.kind })],
        );
      await tx.query('delete from upload_log where applicant_id = $1 and created_at <= $2', [applicantId, hourAgo]);
      await tx.query('insert into upload_log (applicant_id, created_at) values ($1, $2)', [
        applicantId,
        now.toISOString(),
      ]);
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

export async function listDocuments(db: Database, application: ApplicationRef): Promise<DocumentEntry[]> {
  const { condition, params } = owned(application);
  const rows = await db.query<{
    id: string;
    kind: DocumentKind;
    original_name: string;
    media_type: DocumentType;
    size_bytes: number;
  }>(
    `select documents.id, documents.kind, documents.original_name, documents.media_type, documents.size_bytes
     from documents join applications on applications.id = documents.application_id
     where ${condition} order by documents.created_at`,
    params,
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
  if (!isUuid(input.documentId)) return undefined;
  const [row] = await db.query<{ stored_name: string; media_type: DocumentType; original_name: string }>(
    `select documents.stored_name, documents.media_type, documents.original_name
     from documents join applications on applications.id = documents.application_id
     where documents.id = $1 and applications.applicant_id = $2`,
    [input.documentId, input.applicantId],
  );
  return row ? { storedName: row.stored_name, mediaType: row.media_type, originalName: row.original_name } : undefined;
}

/**
 * Removes a document from the applicant's draft, file and all. Once sent, documents are part of
 * what the authority received and stay.
 */
export async function removeDraftDocument(
  db: Database,
  input: { applicantId: string; draftId: string; documentId: string; uploadsDir: string },
): Promise<boolean> {
  if (!isUuid(input.documentId)) return false;
  const removed = await db.query<{ stored_name: string }>(
    `delete from documents using applications
     where documents.id = $3 and documents.application_id = applications.id
       and applications.id = $1 and applications.applicant_id = $2 and applications.reference is null
     returning documents.stored_name`,
    [input.draftId, input.applicantId, input.documentId],
  );
  await removeStoredFiles(
    input.uploadsDir,
    removed.map((row) => row.stored_name),
  );
  return removed.length > 0;
}

/**
 * Deletes stored files, after their rows are gone. A file that cannot be removed (already gone,
 * or a permissions problem) is left to the sweep: the deletion the applicant asked for has
 * happened, and it is not undone by a file. Returns how many could not be removed.
 */
export async function removeStoredFiles(uploadsDir: string, storedNames: readonly string[]): Promise<number> {
  const results = await Promise.allSettled(
    storedNames.map((name) => rm(path.join(uploadsDir, path.basename(name)), { force: true })),
  );
  return results.filter((result) => result.status === 'rejected').length;
}

/** The file in the uploads folder that says which database it belongs to. */
export const uploadsMarker = '.database-id';

export type SweepResult =
  | { status: 'swept'; files: string[] }
  /** The folder belongs to another database, or to none known: nothing is touched. */
  | { status: 'skipped'; reason: 'other-database' | 'unmarked' };

/**
 * Deletes the files no document row points to: those of an application deleted while the server
 * died before it removed them, or of an upload whose row was never written. Only in a folder
 * marked with this database's id (an unmarked one is claimed when it is empty, or when its files
 * are this database's), and only files older than `olderThanMs`, so an upload another server is
 * writing right now is left alone.
 */
export async function sweepOrphanFiles(
  db: Database,
  uploadsDir: string,
  { olderThanMs = 60 * 60 * 1000, now = Date.now() } = {},
): Promise<SweepResult> {
  const [identity] = await db.query<{ id: string }>('select id from portal_identity');
  if (!identity) throw new Error('the database has no identity: run the migrations');
  const names = (await readdir(uploadsDir).catch(() => [] as string[])).filter((name) => !name.startsWith('.'));
  const known = new Set(
    (await db.query<{ stored_name: string }>('select stored_name from documents')).map((row) => row.stored_name),
  );
  const marker = await readFile(path.join(uploadsDir, uploadsMarker), 'utf8').catch(() => undefined);
  if (marker === undefined) {
    if (names.length > 0 && !names.some((name) => known.has(name))) return { status: 'skipped', reason: 'unmarked' };
    await mkdir(uploadsDir, { recursive: true });
    await writeFile(path.join(uploadsDir, uploadsMarker), identity.id);
  } else if (marker.trim() !== identity.id) {
    return { status: 'skipped', reason: 'other-database' };
  }
  const swept: string[] = [];
  for (const name of names) {
    if (known.has(name)) continue;
    const info = await stat(path.join(uploadsDir, name)).catch(() => undefined);
    if (!info?.isFile() || now - info.mtimeMs < olderThanMs) continue;
    await rm(path.join(uploadsDir, name), { force: true });
    swept.push(name);
  }
  return { status: 'swept', files: swept };
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
}

/**
 * A stored document as a download: its bytes from the uploads folder, its type, its original name
 * (encoded for the header), never cached. The caller has checked who may have it.
 */
export async function documentDownload(
  uploadsDir: string,
  document: { storedName: string; mediaType: string; originalName: string },
): Promise<Response> {
  const bytes = await readFile(path.join(uploadsDir, document.storedName));
  return new Response(bytes, {
    headers: {
      'Content-Type': document.mediaType,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(document.originalName)}`,
      'Cache-Control': 'private, no-store',
    },
  });
}
