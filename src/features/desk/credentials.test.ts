import { argon2Sync, randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkTotp,
  currentTotp,
  hashPassword,
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  passwordProblem,
  passwordRules,
  totpQrSvg,
  totpUri,
  verifyPassword,
  verifyRecoveryCode,
} from './credentials.ts';

// Each argon2id hash costs tens of milliseconds: one shared hash serves most password tests.
describe('passwords', () => {
  const password = 'Балалар үйі, Қазақстан 2025';
  let stored: string;

  beforeAll(async () => {
    stored = await hashPassword(password);
  });

  it('are stored as an argon2id PHC string with the OWASP parameters', () => {
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/u);
  });

  it('verify the right password, also when its letters arrive decomposed', async () => {
    expect(await verifyPassword(password, stored)).toBe(true);
    const decomposed = password.normalize('NFD');
    expect(decomposed).not.toBe(password);
    expect(await verifyPassword(decomposed, stored)).toBe(true);
  });

  it('refuse a wrong password', async () => {
    expect(await verifyPassword('Балалар үйі, Қазақстан 2024', stored)).toBe(false);
  });

  it('get a different salt each time', async () => {
    const again = await hashPassword(password);
    expect(again.split('$')[4]).not.toBe(stored.split('$')[4]);
    expect(again).not.toBe(stored);
  });

  it.each([
    ['empty', () => ''],
    ['another algorithm', () => stored.replace('$argon2id$', '$argon2i$')],
    ['another version', () => stored.replace('$v=19$', '$v=16$')],
    ['base64 that does not decode exactly', () => replaceField(stored, 4, `${field(stored, 4)}A`)],
    ['characters outside base64', () => replaceField(stored, 5, `${field(stored, 5).slice(1)}*`)],
    ['padding', () => replaceField(stored, 4, `${field(stored, 4)}==`)],
    ['a truncated hash', () => replaceField(stored, 5, field(stored, 5).slice(0, 8))],
    ['parameters argon2 refuses', () => stored.replace('m=19456', 'm=0')],
    ['a missing field', () => stored.split('$').slice(0, 5).join('$')],
  ])('are refused, never thrown, for a malformed stored string: %s', async (_problem, malformed) => {
    await expect(verifyPassword(password, malformed())).resolves.toBe(false);
  });

  it('verify with the cost recorded in the hash, so the parameters can be raised later', async () => {
    const salt = randomBytes(16);
    const hash = argon2Sync('argon2id', {
      message: 'an older password hash',
      nonce: salt,
      memory: 8192,
      passes: 3,
      parallelism: 2,
      tagLength: 32,
    });
    const older = `$argon2id$v=19$m=8192,t=3,p=2$${phcBase64(salt)}$${phcBase64(hash)}`;
    expect(await verifyPassword('an older password hash', older)).toBe(true);
    expect(await verifyPassword('another password hash', older)).toBe(false);
  });
});

describe('password rules', () => {
  it.each([
    [11, 'too-short'],
    [12, undefined],
    [128, undefined],
    [129, 'too-long'],
  ] as const)('%i characters: %s', (length, problem) => {
    expect(passwordProblem('a'.repeat(length))).toBe(problem);
  });

  it('count a Kazakh letter or an emoji as one character', () => {
    expect(passwordProblem('қ'.repeat(passwordRules.minLength))).toBeUndefined();
    expect(passwordProblem('қ'.repeat(passwordRules.minLength - 1))).toBe('too-short');
    expect(passwordProblem('😀'.repeat(passwordRules.maxLength))).toBeUndefined();
    expect(passwordProblem('😀'.repeat(passwordRules.maxLength + 1))).toBe('too-long');
    expect(passwordProblem('😀'.repeat(7))).toBe('too-short');
  });
});

// RFC 6238 appendix B: the SHA-1 key is the ASCII of "12345678901234567890"; the 6-digit code is
// the last six of the published 8-digit one.
describe('TOTP', () => {
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  const at = (seconds: number) => new Date(seconds * 1000);

  it.each([
    [59, '287082'],
    [1_111_111_109, '081804'],
    [1_111_111_111, '050471'],
    [1_234_567_890, '005924'],
  ])('gives the RFC 6238 code at %i s', async (seconds, code) => {
    expect(await currentTotp(secret, at(seconds))).toBe(code);
  });

  it('accepts the code of the current step and returns that step', async () => {
    expect(await checkTotp({ secret, code: '287082', lastStep: undefined, now: at(59) })).toEqual({
      ok: true,
      step: 1,
    });
  });

  it('accepts the code of the previous step, typed just as it changed', async () => {
    expect(await checkTotp({ secret, code: '287082', lastStep: undefined, now: at(89) })).toEqual({
      ok: true,
      step: 1,
    });
    expect(await checkTotp({ secret, code: '287082', lastStep: 0, now: at(89) })).toEqual({ ok: true, step: 1 });
  });

  it('refuses an older code', async () => {
    expect(await checkTotp({ secret, code: '287082', lastStep: undefined, now: at(120) })).toEqual({ ok: false });
  });

  it('refuses the code of the next step', async () => {
    const nextCode = await currentTotp(secret, at(60));
    expect(nextCode).not.toBe('287082');
    expect(await checkTotp({ secret, code: nextCode, lastStep: undefined, now: at(59) })).toEqual({ ok: false });
  });

  it('accepts a code once: refuses it when its step has been used', async () => {
    expect(await checkTotp({ secret, code: '287082', lastStep: 1, now: at(59) })).toEqual({ ok: false });
    expect(await checkTotp({ secret, code: '287082', lastStep: 1, now: at(89) })).toEqual({ ok: false });
    expect(await checkTotp({ secret, code: '287082', lastStep: 2, now: at(89) })).toEqual({ ok: false });
  });

  it('still accepts the current step after the previous one was used', async () => {
    const code = await currentTotp(secret, at(89));
    expect(await checkTotp({ secret, code, lastStep: 1, now: at(89) })).toEqual({ ok: true, step: 2 });
  });

  it.each(['287 082', ' 287082 ', '2 8 7 0 8 2'])('accepts spaces: %j', async (code) => {
    expect(await checkTotp({ secret, code, lastStep: undefined, now: at(59) })).toEqual({ ok: true, step: 1 });
  });

  it.each(['28708a', '287-082', '２８７０８２', '0287082', '87082', ''])('refuses %j', async (code) => {
    expect(await checkTotp({ secret, code, lastStep: undefined, now: at(59) })).toEqual({ ok: false });
  });

  it('makes base32 secrets of 20 random bytes that work with the check', async () => {
    const fresh = newTotpSecret();
    expect(fresh).toMatch(/^[A-Z2-7]{32}$/u);
    expect(newTotpSecret()).not.toBe(fresh);
    const now = new Date();
    const code = await currentTotp(fresh, now);
    expect(await checkTotp({ secret: fresh, code, lastStep: undefined, now })).toEqual({
      ok: true,
      step: Math.floor(now.getTime() / 30_000),
    });
  });

  it('puts the issuer and the account, encoded, into the otpauth URI', () => {
    const uri = totpUri({ secret, account: 'айгүл@alaqan.kz', issuer: 'Alaqan Desk' });
    expect(uri.startsWith('otpauth://totp/')).toBe(true);
    expect(uri).toContain(`${encodeURIComponent('Alaqan Desk')}:${encodeURIComponent('айгүл@alaqan.kz')}`);
    const parameters = new URL(uri).searchParams;
    expect(parameters.get('secret')).toBe(secret);
    expect(parameters.get('issuer')).toBe('Alaqan Desk');
  });

  it('draws the URI as an SVG QR code', async () => {
    const svg = await totpQrSvg(totpUri({ secret, account: 'staff@alaqan.kz', issuer: 'Alaqan' }));
    expect(svg).toContain('<svg');
    expect(svg).toContain('</svg>');
  });
});

describe('recovery codes', () => {
  const format =
    /^[23456789abcdefghjkmnpqrstuvwxyz]{4}-[23456789abcdefghjkmnpqrstuvwxyz]{4}-[23456789abcdefghjkmnpqrstuvwxyz]{4}$/u;

  it('come ten at a time, distinct, grouped, without ambiguous characters', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(format);
    expect(newRecoveryCodes(3)).toHaveLength(3);
  });

  it('draw from the whole alphabet', () => {
    const used = new Set(newRecoveryCodes(200).join('').replaceAll('-', ''));
    expect(used.size).toBe(31);
  });

  it.each([
    ['ABCD EFGH JKMN', 'abcd-efgh-jkmn'],
    [' abcd-efgh-jkmn ', 'abcd-efgh-jkmn'],
    ['abcdefghjkmn', 'abcd-efgh-jkmn'],
    ['AB-CD-EF-GH-23-45', 'abcd-efgh-2345'],
  ])('normalise %j to %j', (input, normalised) => {
    expect(normaliseRecoveryCode(input)).toBe(normalised);
  });

  it.each([
    'abcd-efgh-jkm',
    'abcd-efgh-jkmnp',
    'abcd-efgh-jkm0',
    'abcd-efgh-jkmo',
    'abcd-efgh-jkm1',
    'abcd-efgh-jkml',
    'abcd-efgh-jkmi',
    'abcd_efgh_jkmn',
    '',
  ])('refuse %j', (input) => {
    expect(normaliseRecoveryCode(input)).toBeUndefined();
  });

  it('are kept hashed and salted, and verify as typed back', async () => {
    const [code, otherCode] = newRecoveryCodes(2) as [string, string];
    const stored = await hashRecoveryCode(code);
    expect(stored).toMatch(/^\$argon2id\$/u);
    expect(stored).not.toContain(code.replaceAll('-', ''));
    expect(await verifyRecoveryCode(code.toUpperCase().replaceAll('-', ' '), stored)).toBe(true);
    expect(await verifyRecoveryCode(otherCode, stored)).toBe(false);
    expect(await verifyRecoveryCode('not a code', stored)).toBe(false);
  });

  it('hash only what is a recovery code', async () => {
    await expect(hashRecoveryCode('abcd-efgh-jkm0')).rejects.toThrow();
  });
});

function field(phc: string, index: number): string {
  return phc.split('$')[index] ?? '';
}

function replaceField(phc: string, index: number, value: string): string {
  const fields = phc.split('$');
  fields[index] = value;
  return fields.join('$');
}

function phcBase64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/u, '');
}
