/**
 * Certificates of the course: issued once the server's own record says the course is complete,
 * kept with the signed credential and the PDF files exactly as handed out, looked up by code or by
 * file, and revoked by staff with a reason. Completing the course also moves the learner's
 * applications that wait for the training to "training completed", as the system.
 */
import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../../platform/db/database.ts';
import { newCertificateCode } from '../../platform/codes/reference.ts';
import { changeStatus, type StatusLink } from '../applications/store.ts';
import { courseHours, type CourseRules } from './course.ts';
import { courseProgress } from './progress.ts';
import { findLearner, fullName, learnerRecord } from './store.ts';
import { buildCredential, signCredential, type CertificateFacts } from './certificate/credential.ts';
import type { SigningKey } from './certificate/signing-key.ts';

/** What the portal needs to sign a certificate: its key and how it names itself. */
export interface Issuer {
  key: SigningKey;
  /** The issuer profile's address (`/issuer/profile.json` on the public address). */
  id: string;
  name: string;
  /** The public verification page of a code. */
  verifyUrl(code: string): string;
}

export interface Certificate {
  code: string;
  applicantId: string | undefined;
  course: string;
  holderName: string;
  academicHours: number;
  issuedAt: Date;
  credential: string;
  revokedAt: Date | undefined;
  revokedReason: string | undefined;
}

interface CertificateRow {
  code: string;
  applicant_id: string | null;
  course: string;
  holder_name: string;
  academic_hours: string;
  issued_at: Date;
  credential: string;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

function toCertificate(row: CertificateRow): Certificate {
  return {
    code: row.code,
    applicantId: row.applicant_id ?? undefined,
    course: row.course,
    holderName: row.holder_name,
    academicHours: Number(row.academic_hours),
    issuedAt: row.issued_at,
    credential: row.credential,
    revokedAt: row.revoked_at ?? undefined,
    revokedReason: row.revoked_reason ?? undefined,
  };
}

export async function certificateOf(
  db: Queryable,
  applicantId: string,
  course: string,
): Promise<Certificate | undefined> {
  const [row] = await db.query<CertificateRow>(
    'select * from school_certificates where applicant_id = $1 and course = $2',
    [applicantId, course],
  );
  return row && toCertificate(row);
}

export async function certificateByCode(db: Queryable, code: string): Promise<Certificate | undefined> {
  const [row] = await db.query<CertificateRow>('select * from school_certificates where code = $1', [code]);
  return row && toCertificate(row);
}

export type IssueResult =
  { status: 'issued' | 'exists'; certificate: Certificate } | { status: 'incomplete' } | { status: 'not-enrolled' };

/**
 * Issues the learner's certificate if the course is complete by the server's record, and moves
 * their applications invited to the school on. Safe to call again and again (after each passed
 * test, on each visit of the course page): a certificate is issued once, and a move interrupted
 * by a crash is made on the next call.
 */
export async function ensureCertificate(
  db: Database,
  input: {
    applicantId: string;
    course: CourseRules;
    courseTitles: CertificateFacts['courseTitles'];
    issuer: Issuer;
    statusLink: StatusLink;
    now: Date;
  },
): Promise<IssueResult> {
  const result = await db.transaction(async (tx): Promise<IssueResult> => {
    const [locked] = await tx.query(
      'select applicant_id from school_learners where applicant_id = $1 and course = $2 for update',
      [input.applicantId, input.course.key],
    );
    const learner = locked && (await findLearner(tx, input.applicantId, input.course.key));
    if (!learner) return { status: 'not-enrolled' };
    const existing = await certificateOf(tx, input.applicantId, input.course.key);
    if (existing) return { status: 'exists', certificate: existing };
    if (!courseProgress(input.course, await learnerRecord(tx, input.applicantId, input.course.key)).complete)
      return { status: 'incomplete' };
    const facts: CertificateFacts = {
      code: newCertificateCode(),
      holderName: fullName(learner),
      courseKey: input.course.key,
      courseTitles: input.courseTitles,
      academicHours: courseHours(input.course),
      // Whole seconds: the credential's dates have no milliseconds, and the row must say the same.
      issuedAt: new Date(Math.floor(input.now.getTime() / 1000) * 1000),
    };
    const credential = await signCredential(
      buildCredential(facts, { id: input.issuer.id, name: input.issuer.name }, input.issuer.verifyUrl(facts.code)),
      input.issuer.key,
    );
    await tx.query(
      `insert into school_certificates (code, applicant_id, course, holder_name, academic_hours, issued_at, credential)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [
        facts.code,
        input.applicantId,
        input.course.key,
        facts.holderName,
        facts.academicHours,
        facts.issuedAt.toISOString(),
        credential,
      ],
    );
    await tx.query('update school_learners set completed_at = $3 where applicant_id = $1 and course = $2', [
      input.applicantId,
      input.course.key,
      input.now.toISOString(),
    ]);
    return {
      status: 'issued',
      certificate: {
        code: facts.code,
        applicantId: input.applicantId,
        course: input.course.key,
        holderName: facts.holderName,
        academicHours: facts.academicHours,
        issuedAt: facts.issuedAt,
        credential,
        revokedAt: undefined,
        revokedReason: undefined,
      },
    };
  });
  // A revoked certificate completes nothing: an application invited later waits for the authority.
  if ((result.status === 'issued' || result.status === 'exists') && !result.certificate.revokedAt) {
    const waiting = await db.query<{ id: string }>(
      `select id from applications where applicant_id = $1 and status = 'invited-to-school'`,
      [input.applicantId],
    );
    for (const application of waiting) {
      await changeStatus(db, {
        applicationId: application.id,
        to: 'training-completed',
        actor: { kind: 'system' },
        link: input.statusLink,
        now: input.now,
      });
    }
  }
  return result;
}

export type CertificateVariant = 'kk-ru' | 'en';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The PDF of a certificate as it was first handed out: rendered once, kept, and the same bytes
 * every time after, so a file shown for verification can be compared byte for byte.
 */
export async function certificateFile(
  db: Database,
  input: { code: string; variant: CertificateVariant; render: () => Promise<Uint8Array>; now: Date },
): Promise<Uint8Array<ArrayBuffer>> {
  const stored = async () => {
    const [row] = await db.query<{ pdf: Uint8Array }>(
      'select pdf from school_certificate_files where code = $1 and variant = $2',
      [input.code, input.variant],
    );
    return row && new Uint8Array(row.pdf);
  };
  const existing = await stored();
  if (existing) return existing;
  const pdf = new Uint8Array(await input.render());
  // Two first downloads at once: the first file kept wins, and both get it.
  await db.query(
    `insert into school_certificate_files (code, variant, sha256, pdf, created_at) values ($1, $2, $3, $4, $5)
     on conflict (code, variant) do nothing`,
    [input.code, input.variant, sha256Hex(pdf), pdf, input.now.toISOString()],
  );
  return (await stored()) ?? pdf;
}

/** The certificate a PDF file was handed out as, if it is one of them byte for byte. */
export async function certificateOfFile(db: Queryable, bytes: Uint8Array): Promise<string | undefined> {
  const [row] = await db.query<{ code: string }>('select code from school_certificate_files where sha256 = $1', [
    sha256Hex(bytes),
  ]);
  return row?.code;
}

/** Revokes a certificate, with the reason and who did it. A revocation is final. */
export async function revokeCertificate(
  db: Database,
  input: { code: string; reason: string; staffId: string; now: Date },
): Promise<'revoked' | 'already-revoked' | 'unknown' | 'reason-missing'> {
  const reason = input.reason.trim();
  if (!reason) return 'reason-missing';
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ revoked_at: Date | null }>(
      'select revoked_at from school_certificates where code = $1 for update',
      [input.code],
    );
    if (!row) return 'unknown';
    if (row.revoked_at) return 'already-revoked';
    await tx.query(
      'update school_certificates set revoked_at = $2, revoked_reason = $3, revoked_by = $4 where code = $1',
      [input.code, input.now.toISOString(), reason, input.staffId],
    );
    return 'revoked';
  });
}

/**
 * A name as the public verification page shows it: enough to match the paper in front of the
 * verifier, not enough to learn a stranger's name from a guessed code. "Құрманова Әлия" becomes
 * "Құ****** Әл**".
 */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const letters = Array.from(word);
      const shown = letters.length <= 2 ? 1 : 2;
      return letters.slice(0, shown).join('') + '*'.repeat(letters.length - shown);
    })
    .join(' ');
}

/**
 * Counts a verification from a network address (hashed) and says whether it is within the limit:
 * `limit` per `windowMinutes`. Old rows of that address are pruned as it goes.
 */
export async function allowVerification(
  db: Database,
  input: { ipHash: string; now: Date; limit: number; windowMinutes: number },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const key = BigInt.asIntN(
      64,
      BigInt(`0x${createHash('sha256').update(`verify:${input.ipHash}`).digest('hex').slice(0, 16)}`),
    );
    await tx.query('select pg_advisory_xact_lock($1::bigint)', [key.toString()]);
    const since = new Date(input.now.getTime() - input.windowMinutes * 60_000).toISOString();
    // Every address's rows older than the window go, not only this one's: nothing is kept longer than the limit needs.
    await tx.query('delete from school_verifications where created_at < $1', [since]);
    const [count] = await tx.query<{ n: number }>('select count(*) as n from school_verifications where ip_hash = $1', [
      input.ipHash,
    ]);
    if ((count?.n ?? 0) >= input.limit) return false;
    await tx.query('insert into school_verifications (ip_hash, created_at) values ($1, $2)', [
      input.ipHash,
      input.now.toISOString(),
    ]);
    return true;
  });
}
