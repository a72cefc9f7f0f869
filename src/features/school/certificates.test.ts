import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases, useMigratedDatabase } from '../../../tests/support/databases.ts';
import type { Database } from '../../platform/db/database.ts';
import { generateSigningKeyJwk, parseSigningKey, type SigningKey } from './certificate/signing-key.ts';
import {
  allowVerification,
  certificateFile,
  ensureCertificate,
  maskName,
  revokeCertificate,
  type Issuer,
} from './certificates.ts';
import { markLessonRead, openLesson, startAttempt, submitAttempt } from './store.ts';
import { enrolledLearner, testCourse } from './test-course.ts';
import { verifyCode, verifyFile } from './verification.ts';

const course = testCourse();
const now = new Date('2026-11-30T08:00:00Z');
const titles = { kk: 'Даярлық курсы', ru: 'Подготовительный курс', en: 'Preparation course' };
const statusLink = (locale: string, reference: string) => `https://alaqan.test/${locale}/account/${reference}/`;

let key: SigningKey;
let otherKey: SigningKey;
let issuer: Issuer;

beforeAll(async () => {
  key = await parseSigningKey(await generateSigningKeyJwk());
  otherKey = await parseSigningKey(await generateSigningKeyJwk());
  issuer = {
    key,
    id: 'https://alaqan.test/issuer/profile.json',
    name: 'Білім басқармасы',
    verifyUrl: (code) => `https://alaqan.test/kk/verify/?code=${code}`,
  };
});

async function learner(db: Database, complete: boolean): Promise<string> {
  const applicantId = await enrolledLearner(db, course, { locale: 'ru', now });
  for (const module of complete ? course.modules : course.modules.slice(1)) {
    for (const lesson of module.lessons) {
      await openLesson(db, { applicantId, course, lesson, now });
      await markLessonRead(db, { applicantId, course, lesson, now });
    }
    const started = await startAttempt(db, { applicantId, course, module: module.key, now });
    if (started.status !== 'started') throw new Error('not started');
    const answers = started.attempt.questions.map((question) => ({ question, option: 'b' }));
    await submitAttempt(db, { applicantId, course, module: module.key, attemptId: started.attempt.id, answers, now });
  }
  return applicantId;
}

const issue = (db: Database, applicantId: string) =>
  ensureCertificate(db, { applicantId, course, courseTitles: titles, issuer, statusLink, now });

describe.each(testDatabases)('certificates on $name', (backend) => {
  const database = useMigratedDatabase(backend);
  let db: Database;
  beforeEach(() => {
    db = database();
  });

  it('are issued only once the server’s record says the course is complete, and only once', async () => {
    const halfway = await learner(db, false);
    expect(await issue(db, halfway)).toEqual({ status: 'incomplete' });
    const done = await learner(db, true);
    const results = await Promise.all([issue(db, done), issue(db, done), issue(db, done)]);
    const codes = new Set(results.map((result) => ('certificate' in result ? result.certificate.code : undefined)));
    expect(codes.size).toBe(1);
    expect(results.filter((result) => result.status === 'issued')).toHaveLength(1);
    const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
      'select count(*) as n from school_certificates where applicant_id = $1',
      [done],
    );
    expect(n).toBe(1);
  });

  it('move an application invited to the school to “training completed”, as the system, with an email', async () => {
    const applicantId = await learner(db, true);
    const [application] = await db.query<{ id: string }>(
      `insert into applications (applicant_id, form, locale, reference, status, submitted_at, district)
       values ($1, 'adoption', 'ru', $2, 'invited-to-school', now(), 'taraz') returning id`,
      [applicantId, `AQ-${crypto.randomUUID().slice(0, 4).toUpperCase()}-TEST-Q`],
    );
    await issue(db, applicantId);
    await issue(db, applicantId);
    const [row] = await db.query<{ status: string }>('select status from applications where id = $1', [
      application?.id,
    ]);
    expect(row?.status).toBe('training-completed');
    const events = await db.query<{ status: string; actor_kind: string }>(
      'select status, actor_kind from application_events where application_id = $1',
      [application?.id],
    );
    expect(events).toEqual([{ status: 'training-completed', actor_kind: 'system' }]);
  });

  it('once revoked, move no application on', async () => {
    const applicantId = await learner(db, true);
    const issued = await issue(db, applicantId);
    if (issued.status !== 'issued') throw new Error('not issued');
    await revokeCertificate(db, {
      code: issued.certificate.code,
      reason: 'Выдан по ошибке',
      staffId: crypto.randomUUID(),
      now,
    });
    const [application] = await db.query<{ id: string }>(
      `insert into applications (applicant_id, form, locale, reference, status, submitted_at, district)
       values ($1, 'adoption', 'ru', $2, 'invited-to-school', now(), 'taraz') returning id`,
      [applicantId, `AQ-${crypto.randomUUID().slice(0, 4).toUpperCase()}-REVK-Q`],
    );
    expect(await issue(db, applicantId)).toMatchObject({ status: 'exists' });
    const [row] = await db.query<{ status: string }>('select status from applications where id = $1', [
      application?.id,
    ]);
    expect(row?.status).toBe('invited-to-school');
  });

  it('verify by code as valid, then revoked with its date; an unknown or mistyped code is unknown', async () => {
    const applicantId = await learner(db, true);
    const issued = await issue(db, applicantId);
    if (issued.status !== 'issued') throw new Error('not issued');
    const { code } = issued.certificate;
    expect(await verifyCode(db, code.toLowerCase().replace(/-/g, ' '))).toMatchObject({
      status: 'valid',
      code,
      holder: 'Құ******* Әл**',
      academicHours: 42,
    });
    expect(await revokeCertificate(db, { code, reason: '  ', staffId: crypto.randomUUID(), now })).toBe(
      'reason-missing',
    );
    const later = new Date('2026-12-01T09:00:00Z');
    expect(
      await revokeCertificate(db, { code, reason: 'Выдан по ошибке', staffId: crypto.randomUUID(), now: later }),
    ).toBe('revoked');
    expect(await revokeCertificate(db, { code, reason: 'again', staffId: crypto.randomUUID(), now: later })).toBe(
      'already-revoked',
    );
    expect(await verifyCode(db, code)).toMatchObject({ status: 'revoked', revokedAt: later });
    expect(await verifyCode(db, 'SC-0000-0000-0')).toEqual({ status: 'unknown' });
    const typo = code.at(-3) === 'X' ? 'Y' : 'X';
    expect(await verifyCode(db, `${code.slice(0, -3)}${typo}${code.slice(-2)}`)).toEqual({ status: 'unknown' });
    expect(
      await revokeCertificate(db, { code: 'SC-0000-0000-0', reason: 'x', staffId: crypto.randomUUID(), now }),
    ).toBe('unknown');
  });

  it('verify a credential file by its signature, offline; a changed or foreign one is not genuine', async () => {
    const applicantId = await learner(db, true);
    const issued = await issue(db, applicantId);
    if (issued.status !== 'issued') throw new Error('not issued');
    const jwt = issued.certificate.credential;
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(await verifyFile(db, bytes(jwt), [key.publicJwk], now)).toMatchObject({
      status: 'valid',
      fileChecked: true,
    });
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const flipped = `${header}.${payload}.${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expect(await verifyFile(db, bytes(flipped), [key.publicJwk], now)).toEqual({ status: 'altered' });
    expect(await verifyFile(db, bytes(jwt), [otherKey.publicJwk], now)).toEqual({ status: 'unknown' });
    // After the signing key is replaced, the old one listed as retired keeps its certificates genuine.
    expect(await verifyFile(db, bytes(jwt), [otherKey.publicJwk, key.publicJwk], now)).toMatchObject({
      status: 'valid',
    });
    expect(await verifyFile(db, bytes('not a certificate'), [key.publicJwk], now)).toEqual({ status: 'unknown' });
  });

  it('keep a PDF as first handed out; a file that is not one of them byte for byte is not genuine', async () => {
    const applicantId = await learner(db, true);
    const issued = await issue(db, applicantId);
    if (issued.status !== 'issued') throw new Error('not issued');
    const { code, credential } = issued.certificate;
    // A stand-in "PDF" that carries the credential as the real one does (pdf.test.ts covers the real file).
    let renders = 0;
    const render = async () => {
      renders += 1;
      const { renderCertificatePdf } = await import('./certificate/pdf.ts');
      const { labels } = await import('./certificate/fixtures.ts');
      return renderCertificatePdf({
        facts: { ...issued.certificate, courseKey: course.key, courseTitles: titles },
        languages: ['kk', 'ru'],
        labels,
        verifyUrl: issuer.verifyUrl(code),
        credentialJwt: credential,
      });
    };
    const first = await certificateFile(db, { code, variant: 'kk-ru', render, now });
    const second = await certificateFile(db, { code, variant: 'kk-ru', render, now });
    expect(renders).toBe(1);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(await verifyFile(db, first, [key.publicJwk], now)).toMatchObject({
      status: 'valid',
      code,
      fileChecked: true,
    });
    const altered = new Uint8Array(first);
    // One byte of the page's text, not of the attachment: the signature alone would not notice.
    const index = Buffer.from(altered).indexOf('/Title');
    altered[index + 8] = (altered[index + 8] ?? 0) ^ 1;
    expect(await verifyFile(db, altered, [key.publicJwk], now)).toEqual({ status: 'altered' });
  });

  it('limit verifications per network address', async () => {
    const ipHash = crypto.randomUUID();
    const results = [];
    for (let index = 0; index < 4; index += 1)
      results.push(await allowVerification(db, { ipHash, now, limit: 3, windowMinutes: 10 }));
    expect(results).toEqual([true, true, true, false]);
    expect(
      await allowVerification(db, { ipHash, now: new Date(now.getTime() + 11 * 60_000), limit: 3, windowMinutes: 10 }),
    ).toBe(true);
  });
});

describe('a name on the public verification page', () => {
  it('is masked after its first letters, word by word', () => {
    expect(maskName('Құрманова Әлия Ғалымқызы')).toBe('Құ******* Әл** Ға*******');
    expect(maskName('Ли Ян')).toBe('Л* Я*');
  });
});
