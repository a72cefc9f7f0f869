/**
 * The signed side of a certificate of the School of adoptive parents: an Open Badges 3.0
 * OpenBadgeCredential (VC Data Model 2.0), secured as a VC-JWT signed with Ed25519. It travels
 * inside the certificate's PDF, so the guardianship authority can check a certificate by its file
 * without trusting the portal's database or even reaching it. Pure: no network, no storage.
 *
 * Why a VC-JWT made with jose and not a Data Integrity proof (eddsa-rdfc-2022), when Open Badges
 * 3.0 allows both:
 * - jose is one small dependency with no dependencies of its own, already used by the portal; Data
 *   Integrity needs @digitalbazaar/vc, a cryptosuite, jsonld and rdf-canonize;
 * - a JWT is checked over its bytes, as sent; Data Integrity signs the RDF canonical form, so every
 *   JSON-LD context must be pinned and shipped with every verifier, or fetched, which is the very
 *   network dependency a certificate check should not have;
 * - verifying offline is then a signature check against a short list of public keys (the school's
 *   key and its retired ones), which a verifier can hold in a static page.
 *
 * The token follows OB 3.0's VC-JWT section: the payload is the credential itself, with the claims
 * `iss`, `jti`, `nbf` and `sub` mapped from `issuer.id`, `id`, `validFrom` and
 * `credentialSubject.id`. The header is `alg: EdDSA`, `kid` (the key's thumbprint) and
 * `typ: vc+jwt`, as W3C's VC-JOSE-COSE recommends for a credential that is the payload itself (OB
 * 3.0 wrote "JWT" there before that recommendation and defers to it). For the same reason there is
 * no `vc` claim: VC-JOSE-COSE forbids it, and OB 3.0 reads it only from VC 1.1 credentials.
 */
import { createHash } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify, SignJWT, type JWK } from 'jose';
import { z } from 'zod';
import { parseCertificateCode } from '../../../platform/codes/reference.ts';
import type { SigningKey } from './signing-key.ts';

/** What a certificate says, in the portal's terms. */
export interface CertificateFacts {
  /** `SC-XXXX-XXXX-C`, from `newCertificateCode`. */
  code: string;
  /** As the learner gave it, to be printed; never an IIN or an email address. */
  holderName: string;
  /** The course's translationKey: the same in every language. */
  courseKey: string;
  /** The course's certificate title in each language. */
  courseTitles: { kk: string; ru: string; en: string };
  /** May be fractional: modules count for half hours. */
  academicHours: number;
  issuedAt: Date;
}

/** The issuer's profile: `id` is the https address where the profile (and its public keys) are published. */
export interface CertificateIssuer {
  id: string;
  name: string;
}

export interface IdentityObject {
  type: 'IdentityObject';
  identityType: string;
  hashed: false;
  identityHash: string;
}

export interface OpenBadgeCredential {
  '@context': [typeof vcContext, typeof obContext];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  name: string;
  issuer: { id: string; type: ['Profile']; name: string };
  validFrom: string;
  credentialSubject: {
    id: string;
    type: ['AchievementSubject'];
    identifier: IdentityObject[];
    achievement: {
      id: string;
      type: ['Achievement'];
      achievementType: 'Course';
      humanCode: string;
      name: string;
      description: string;
      criteria: { narrative: string };
      resultDescription: {
        id: string;
        type: ['ResultDescription'];
        name: string;
        resultType: typeof hoursResultType;
      }[];
    };
    result: { type: ['Result']; resultDescription: string; value: string }[];
  };
}

const vcContext = 'https://www.w3.org/ns/credentials/v2';
const obContext = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/** OB 3.0 has no result type for hours; `ext:` is its pattern for one of our own. */
const hoursResultType = 'ext:AcademicHours';
/** The identityType of the certificate code among the subject's identifiers. */
const codeIdentityType = 'ext:CertificateCode';
/** The namespace of the holder's `urn:uuid` (a UUID drawn once for this purpose). */
const subjectNamespace = '5f0c8a3e-6b1d-4c2a-9e57-3d8b1f4a6c90';

/** Long enough for any credential of ours (about 3 KB); anything longer is not one. */
const maxJwtLength = 32 * 1024;

/**
 * A name-based UUID (RFC 9562 version 5) of the code: the holder must have an id (OB 3.0 maps it
 * to `sub`), and this one says nothing about the person and differs for each certificate, so two
 * certificates of one person cannot be linked through it.
 */
function subjectId(code: string): string {
  const namespace = Buffer.from(subjectNamespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(code, 'utf8').digest().subarray(0, 16);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An ISO date-time to the second: `nbf` has no milliseconds, and `validFrom` must equal it. */
function toSecond(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function isWebAddress(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

/**
 * The credential for a certificate. `verifyUrl` (the page that checks this certificate) is its
 * `id`: a wallet or a verifier that shows the credential links there. Throws when the facts are not
 * a certificate's (a programming error, not a user's): a code that is not canonical, hours that
 * are not positive, or a holder "name" that is an IIN or an email address.
 */
export function buildCredential(
  facts: CertificateFacts,
  issuer: CertificateIssuer,
  verifyUrl: string,
): OpenBadgeCredential {
  if (parseCertificateCode(facts.code) !== facts.code) throw new Error(`Not a certificate code: “${facts.code}”.`);
  if (!Number.isFinite(facts.academicHours) || facts.academicHours <= 0) {
    throw new Error(`Academic hours must be a positive number, not ${facts.academicHours}.`);
  }
  const holderName = facts.holderName.trim();
  // The credential is public by design (it is printed and shared): it must carry a name only.
  if (holderName === '' || /\d{6,}|@/.test(holderName)) {
    throw new Error('The holder name must be a person’s name: never an IIN, a phone number or an email address.');
  }
  if (!isWebAddress(issuer.id) || !isWebAddress(verifyUrl)) {
    throw new Error('The issuer id and the verify address must be absolute http(s) addresses.');
  }
  const { kk, ru, en } = facts.courseTitles;
  const hours = facts.academicHours;
  const achievementId = new URL(`#course-${encodeURIComponent(facts.courseKey)}`, issuer.id).href;
  const hoursId = `${achievementId}/academic-hours`;
  const name = kk === ru ? kk : `${kk} / ${ru}`;
  const number = (locale: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(hours);
  return {
    '@context': [vcContext, obContext],
    id: verifyUrl,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name,
    issuer: { id: issuer.id, type: ['Profile'], name: issuer.name },
    validFrom: toSecond(facts.issuedAt),
    credentialSubject: {
      id: subjectId(facts.code),
      type: ['AchievementSubject'],
      identifier: [
        { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: holderName },
        { type: 'IdentityObject', identityType: codeIdentityType, hashed: false, identityHash: facts.code },
      ],
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'Course',
        humanCode: facts.courseKey,
        name,
        description: [
          `${kk}: ${number('kk')} академиялық сағат.`,
          `${ru}: академических часов — ${number('ru')}.`,
          `${en}: ${number('en')} academic hours.`,
        ].join('\n'),
        criteria: {
          narrative: [
            'Курстың барлық модульдерін оқып, әр модульдің тестін тапсырды.',
            'Изучил(а) все модули курса и сдал(а) тест каждого модуля.',
            'Studied every module of the course and passed the test of each module.',
          ].join('\n'),
        },
        resultDescription: [
          { id: hoursId, type: ['ResultDescription'], name: 'Academic hours', resultType: hoursResultType },
        ],
      },
      result: [{ type: ['Result'], resultDescription: hoursId, value: String(hours) }],
    },
  };
}

/** Signs the credential as a compact VC-JWT (see the top of this file for its shape). */
export async function signCredential(credential: OpenBadgeCredential, key: SigningKey): Promise<string> {
  return new SignJWT({
    ...credential,
    iss: credential.issuer.id,
    jti: credential.id,
    nbf: Date.parse(credential.validFrom) / 1000,
    sub: credential.credentialSubject.id,
  })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: key.publicJwk.kid })
    .sign(key.privateKey);
}

/** What a valid credential says, read back. */
export interface VerifiedFacts {
  code: string;
  holderName: string;
  courseKey: string;
  academicHours: number;
  issuedAt: Date;
}

export type VerifyFailure =
  /** Not a signed token at all: cut short, damaged, or some other text. */
  | 'malformed'
  /** Signed, but the signature does not match: changed after signing, or forged. */
  | 'bad-signature'
  /** Signed by a key that is not among the school's (nor among its retired keys). */
  | 'unknown-key'
  /** Signed by the school, but not a certificate of the school's shape (or not valid yet). */
  | 'not-a-certificate';

export type VerifyResult =
  | { valid: true; facts: VerifiedFacts; issuer: { id: string; name: string }; credentialId: string; kid: string }
  | { valid: false; reason: VerifyFailure };

const identitySchema = z.object({ identityType: z.string(), hashed: z.literal(false), identityHash: z.string() });

const payloadSchema = z.object({
  '@context': z.array(z.string()).refine((context) => context[0] === vcContext && context.includes(obContext)),
  id: z.string(),
  type: z
    .array(z.string())
    .refine((type) => type.includes('VerifiableCredential') && type.includes('OpenBadgeCredential')),
  issuer: z.object({ id: z.string(), name: z.string() }),
  validFrom: z.iso.datetime(),
  credentialSubject: z.object({
    id: z.string(),
    type: z.array(z.string()).refine((type) => type.includes('AchievementSubject')),
    identifier: z.array(identitySchema),
    achievement: z.object({
      humanCode: z.string().min(1),
      resultDescription: z.array(z.object({ id: z.string(), resultType: z.string() })),
    }),
    result: z.array(z.object({ resultDescription: z.string(), value: z.string() })),
  }),
  iss: z.string(),
  jti: z.string(),
  nbf: z.number(),
  sub: z.string(),
});

const headerSchema = z.object({ alg: z.string(), kid: z.string().optional(), typ: z.string().optional() });

/** Only the public members of the school's Ed25519 keys: a `d` passed by mistake is not carried on. */
function publicKeySet(keys: readonly JWK[]) {
  return keys.flatMap((key) =>
    key.kty === 'OKP' && key.crv === 'Ed25519' && typeof key.x === 'string' && typeof key.kid === 'string'
      ? [{ kty: 'OKP', crv: 'Ed25519', x: key.x, kid: key.kid }]
      : [],
  );
}

function reasonFor(error: unknown): VerifyFailure {
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JOSEAlgNotAllowed) {
    return 'bad-signature';
  }
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown-key';
  // Raised only once the signature holds: the school signed it, but it is not a certificate now.
  if (error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTExpired)
    return 'not-a-certificate';
  if (error instanceof errors.JWTInvalid) return 'not-a-certificate';
  return 'malformed';
}

/** Reads the hours, the code and the name back; undefined when the credential does not hold them. */
function readFacts(payload: z.infer<typeof payloadSchema>): VerifiedFacts | undefined {
  const subject = payload.credentialSubject;
  // OB 3.0's mapping of the JWT claims to the credential: a mismatch means it was not made here.
  if (payload.iss !== payload.issuer.id || payload.jti !== payload.id || payload.sub !== subject.id) return undefined;
  if (payload.nbf !== Date.parse(payload.validFrom) / 1000) return undefined;
  const identity = (type: string) => subject.identifier.find((entry) => entry.identityType === type)?.identityHash;
  const holderName = identity('name');
  const code = parseCertificateCode(identity(codeIdentityType) ?? '');
  if (holderName === undefined || holderName.trim() === '' || code === undefined || subjectId(code) !== subject.id) {
    return undefined;
  }
  const hoursIds = new Set(
    subject.achievement.resultDescription.filter((d) => d.resultType === hoursResultType).map((d) => d.id),
  );
  const hoursValue = subject.result.find((result) => hoursIds.has(result.resultDescription))?.value;
  const academicHours = hoursValue === undefined ? NaN : Number(hoursValue);
  if (!Number.isFinite(academicHours) || academicHours <= 0) return undefined;
  return {
    code,
    holderName,
    courseKey: subject.achievement.humanCode,
    academicHours,
    issuedAt: new Date(payload.validFrom),
  };
}

/**
 * Checks a certificate's VC-JWT against the school's public keys (the current one and any retired
 * ones), entirely offline: nothing is fetched, not even a context. Never throws, whatever it is
 * given; a result that is not valid says why, for the page to explain. `now` is for tests: a
 * credential is not valid before its `validFrom` (with five minutes' leeway for clocks).
 */
export async function verifyCredential(
  jwt: string,
  publicKeys: readonly JWK[],
  options: { now?: Date } = {},
): Promise<VerifyResult> {
  try {
    return await verify(jwt, publicKeys, options.now);
  } catch {
    // Each step above catches what it expects; this is the promise not to throw, kept.
    return { valid: false, reason: 'malformed' };
  }
}

async function verify(jwt: unknown, publicKeys: readonly JWK[], now: Date | undefined): Promise<VerifyResult> {
  const fail = (reason: VerifyFailure) => ({ valid: false, reason }) as const;
  if (typeof jwt !== 'string' || jwt.length > maxJwtLength) return fail('malformed');
  const token = jwt.trim();
  // Three base64url parts, the last an Ed25519 signature: 64 bytes, 86 characters. A token cut
  // short anywhere (a copy that lost its end) is malformed, not "forged".
  if (!/^[\w-]+\.[\w-]+\.[\w-]{86}$/.test(token)) return fail('malformed');
  let header: z.infer<typeof headerSchema>;
  try {
    const parsed = headerSchema.safeParse(decodeProtectedHeader(token));
    if (!parsed.success) return fail('malformed');
    header = parsed.data;
  } catch {
    return fail('malformed');
  }
  if (header.alg !== 'EdDSA') return fail('bad-signature');
  const keys = publicKeySet(publicKeys);
  if (header.kid === undefined || !keys.some((key) => key.kid === header.kid)) return fail('unknown-key');
  let payload: unknown;
  try {
    const verified = await jwtVerify(token, createLocalJWKSet({ keys }), {
      algorithms: ['EdDSA'],
      clockTolerance: 300,
      ...(now ? { currentDate: now } : {}),
    });
    payload = verified.payload;
  } catch (error) {
    return fail(reasonFor(error));
  }
  if (header.typ !== 'vc+jwt' && header.typ !== 'application/vc+jwt') return fail('not-a-certificate');
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) return fail('not-a-certificate');
  const facts = readFacts(parsed.data);
  if (!facts) return fail('not-a-certificate');
  return {
    valid: true,
    facts,
    issuer: { id: parsed.data.issuer.id, name: parsed.data.issuer.name },
    credentialId: parsed.data.id,
    kid: header.kid,
  };
}
