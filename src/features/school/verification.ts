/**
 * Is this certificate genuine and still valid? Answered for a code typed in, or for the file
 * itself (the PDF or the credential): the signature is checked with the portal's public key, a
 * PDF must be byte for byte one the portal handed out, and the register says whether it was
 * revoked. The holder's name is shown masked; nothing else about them.
 */
import type { JWK } from 'jose';
import type { Queryable } from '../../platform/db/database.ts';
import { parseCertificateCode } from '../../platform/codes/reference.ts';
import { readCertificateFile } from './certificate/attachment.ts';
import { verifyCredential } from './certificate/credential.ts';
import { certificateByCode, certificateOfFile, maskName, type Certificate } from './certificates.ts';

export type Verdict =
  | {
      status: 'valid' | 'revoked';
      code: string;
      holder: string;
      courseKey: string;
      academicHours: number;
      issuedAt: Date;
      revokedAt: Date | undefined;
      /** The file itself was checked (signature, and for a PDF its bytes). */
      fileChecked: boolean;
    }
  /** A file whose signature fails, or a PDF that is not byte for byte one the portal issued. */
  | { status: 'altered' }
  /** No certificate with this code, or a file that is no certificate of ours. */
  | { status: 'unknown' };

function verdictOf(certificate: Certificate, fileChecked: boolean): Verdict {
  return {
    status: certificate.revokedAt ? 'revoked' : 'valid',
    code: certificate.code,
    holder: maskName(certificate.holderName),
    courseKey: certificate.course,
    academicHours: certificate.academicHours,
    issuedAt: certificate.issuedAt,
    revokedAt: certificate.revokedAt,
    fileChecked,
  };
}

/** The verdict on a code as a person typed it. */
export async function verifyCode(db: Queryable, input: string): Promise<Verdict> {
  const code = parseCertificateCode(input);
  const certificate = code && (await certificateByCode(db, code));
  return certificate ? verdictOf(certificate, false) : { status: 'unknown' };
}

/** The verdict on an uploaded file: a certificate PDF or its credential, at `now` (a credential is not valid before it was issued). */
export async function verifyFile(db: Queryable, bytes: Uint8Array, publicKeys: JWK[], now: Date): Promise<Verdict> {
  const file = readCertificateFile(bytes);
  if (file.kind === 'unknown' || !file.jwt) return { status: 'unknown' };
  const checked = await verifyCredential(file.jwt, publicKeys, { now });
  if (!checked.valid) return checked.reason === 'bad-signature' ? { status: 'altered' } : { status: 'unknown' };
  const certificate = await certificateByCode(db, checked.facts.code);
  if (!certificate) return { status: 'unknown' };
  if (file.kind === 'pdf' && (await certificateOfFile(db, bytes)) !== certificate.code) return { status: 'altered' };
  return verdictOf(certificate, true);
}
