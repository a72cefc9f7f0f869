/**
 * The secrets of staff sign-in at the desk, held to OWASP ASVS 5.0 level 2: passwords hashed with
 * argon2id, TOTP as the second factor (each code accepted once) and recovery codes for a lost
 * authenticator, kept only as salted hashes. The store keeps what these functions return and hands
 * it back; nothing here touches the database, so every rule can be tested on its own.
 */
import { argon2, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

/** OWASP's argon2id configuration for 19 MiB of memory; a stored hash carries its own, so these can rise. */
const argon2idCost = { memory: 19_456, passes: 2, parallelism: 1 } as const;
const saltBytes = 16;
const tagBytes = 32;
const argon2Version = 19;

interface Argon2idHash {
  memory: number;
  passes: number;
  parallelism: number;
  salt: Buffer;
  hash: Buffer;
}

export const passwordRules = { minLength: 12, maxLength: 128 } as const;

/** Counted in code points, so a Kazakh letter or an emoji is one character, as the person typing sees it. */
export function passwordProblem(password: string): 'too-short' | 'too-long' | undefined {
  // NIST SP 800-63B counts each code point as one character; a grapheme count (Intl.Segmenter)
  // would let an emoji sequence of many code points pass as one.
  // eslint-disable-next-line @typescript-eslint/no-misused-spread
  const length = [...password].length;
  if (length < passwordRules.minLength) return 'too-short';
  if (length > passwordRules.maxLength) return 'too-long';
  return undefined;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(saltBytes);
  const hash = await deriveArgon2id(password, { ...argon2idCost, salt, tagLength: tagBytes });
  return formatPhc({ ...argon2idCost, salt, hash });
}

/** False for a stored string it cannot read: sign-in then fails like a wrong password instead of crashing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const expected = parsePhc(stored);
  if (!expected) return false;
  try {
    const actual = await deriveArgon2id(password, { ...expected, tagLength: expected.hash.length });
    return timingSafeEqual(actual, expected.hash);
  } catch {
    // Parameters that parse but that argon2 refuses (memory below 8 × parallelism, say).
    return false;
  }
}

function deriveArgon2id(
  password: string,
  cost: { memory: number; passes: number; parallelism: number; salt: Buffer; tagLength: number },
): Promise<Buffer> {
  // NIST SP 800-63B: the same password typed on another keyboard or system may arrive composed
  // differently; NFKC makes it the same bytes.
  const message = Buffer.from(password.normalize('NFKC'), 'utf8');
  return new Promise((resolve, reject) => {
    argon2(
      'argon2id',
      {
        message,
        nonce: cost.salt,
        memory: cost.memory,
        passes: cost.passes,
        parallelism: cost.parallelism,
        tagLength: cost.tagLength,
      },
      (error, derivedKey) => {
        if (error) reject(error);
        else resolve(derivedKey);
      },
    );
  });
}

function formatPhc({ memory, passes, parallelism, salt, hash }: Argon2idHash): string {
  return `$argon2id$v=${argon2Version}$m=${memory},t=${passes},p=${parallelism}$${toPhcBase64(salt)}$${toPhcBase64(hash)}`;
}

const phcPattern =
  /^\$argon2id\$v=(\d{1,3})\$m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,8})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/u;

function parsePhc(stored: string): Argon2idHash | undefined {
  const match = phcPattern.exec(stored);
  if (!match) return undefined;
  const [, version, memory, passes, parallelism, salt, hash] = match;
  if (Number(version) !== argon2Version) return undefined;
  const saltBuffer = fromPhcBase64(salt ?? '');
  const hashBuffer = fromPhcBase64(hash ?? '');
  // argon2 wants at least 8 bytes of salt; a tag shorter than 16 bytes would be easier to forge than to guess.
  if (!saltBuffer || saltBuffer.length < 8 || !hashBuffer || hashBuffer.length < 16) return undefined;
  return {
    memory: Number(memory),
    passes: Number(passes),
    parallelism: Number(parallelism),
    salt: saltBuffer,
    hash: hashBuffer,
  };
}

/** The PHC format's base64: the standard alphabet without `=` padding. */
function toPhcBase64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/u, '');
}

/** Node's decoder skips what it cannot read; only an exact round trip proves the text was base64. */
function fromPhcBase64(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64');
  return toPhcBase64(bytes) === text ? bytes : undefined;
}

/** What authenticator apps support everywhere (RFC 6238 with the Key URI defaults). */
const totpSettings = { algorithm: 'sha1', digits: 6, period: 30 } as const;
const totpStepMs = totpSettings.period * 1000;

/** Base32, 20 random bytes: the length of the SHA-1 key (RFC 4226 section 4). */
export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// URI an authenticator app reads from the enrolment QR code. */
export function totpUri(input: { secret: string; account: string; issuer: string }): string {
  return generateURI({ issuer: input.issuer, label: input.account, secret: input.secret, ...totpSettings });
}

/**
 * Accepts the current step's code or the previous one (a code typed just as it changed), and only
 * for a step after `lastStep`, so that a code works once (ASVS 6.5.1). The caller stores the
 * returned step as the new `lastStep`.
 */
export async function checkTotp(input: {
  secret: string;
  code: string;
  lastStep: number | undefined;
  now: Date;
}): Promise<{ ok: true; step: number } | { ok: false }> {
  const code = input.code.replace(/\s/gu, '');
  if (!/^\d{6}$/u.test(code)) return { ok: false };
  const currentStep = Math.floor(input.now.getTime() / totpStepMs);
  const lastStep = input.lastStep;
  const candidateSteps = [currentStep, currentStep - 1].filter((step) => lastStep === undefined || step > lastStep);
  for (const step of candidateSteps) {
    // An explicit epoch per step, rather than otplib's clock and tolerance, so the window is ours and testable.
    const result = await verify({
      secret: input.secret,
      token: code,
      epoch: step * totpSettings.period,
      ...totpSettings,
    });
    if (result.valid) return { ok: true, step };
  }
  return { ok: false };
}

/** The code an authenticator would show at `now`: for the tests and the development run. */
export function currentTotp(secret: string, now: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000), ...totpSettings });
}

/** The QR code of `totpUri` for the enrolment page, inline SVG so that no image leaves the server. */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}

/** No 0/o, 1/l/i: codes are read off paper and typed back, where those are confused. */
const recoveryAlphabet = '23456789abcdefghjkmnpqrstuvwxyz';
const recoveryCodeLength = 12;
const recoveryCodePattern = new RegExp(`^[${recoveryAlphabet}]{${recoveryCodeLength}}$`, 'u');

/** Shown once at enrolment; only their hashes are kept (ASVS 6.5.2). About 59 bits each. */
export function newRecoveryCodes(count = 10): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    let code = '';
    for (let index = 0; index < recoveryCodeLength; index += 1) {
      code += recoveryAlphabet.charAt(randomInt(recoveryAlphabet.length));
    }
    codes.add(groupRecoveryCode(code));
  }
  return [...codes];
}

/** Forgives what people do when typing a code back: capitals, spaces, missing or extra dashes. */
export function normaliseRecoveryCode(input: string): string | undefined {
  const code = input.toLowerCase().replace(/[\s-]/gu, '');
  return recoveryCodePattern.test(code) ? groupRecoveryCode(code) : undefined;
}

/** Salted and slow like a password, so a copy of the table does not give the codes away. */
export async function hashRecoveryCode(code: string): Promise<string> {
  const normalised = normaliseRecoveryCode(code);
  if (normalised === undefined) throw new Error('Not a recovery code: hash only codes from newRecoveryCodes.');
  return hashPassword(normalised);
}

export async function verifyRecoveryCode(code: string, stored: string): Promise<boolean> {
  const normalised = normaliseRecoveryCode(code);
  if (normalised === undefined) return false;
  return verifyPassword(normalised, stored);
}

function groupRecoveryCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}`;
}
