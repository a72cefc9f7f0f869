import fc from 'fast-check';
import { decodeProtectedHeader, SignJWT } from 'jose';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildCredential, signCredential, verifyCredential, type VerifyFailure } from './credential.ts';
import { facts, issuer, verifyUrl } from './fixtures.ts';
import { developmentSigningKey, type SigningKey } from './signing-key.ts';

let key: SigningKey;
let otherKey: SigningKey;
let jwt: string;

beforeAll(async () => {
  key = (await developmentSigningKey(':memory:')).key;
  otherKey = (await developmentSigningKey(':memory:')).key;
  jwt = await signCredential(buildCredential(facts, issuer, verifyUrl), key);
});

// Verifying must work on a machine with no network: any attempt to reach one fails the test.
beforeEach(() => {
  vi.stubGlobal('fetch', () => {
    throw new Error('verification must not use the network');
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const segments = (token: string) => token.split('.') as [string, string, string];
const decode = (segment: string) =>
  JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function expectFailure(token: string, reason: VerifyFailure, keys = [key.publicJwk]) {
  expect(await verifyCredential(token, keys)).toEqual({ valid: false, reason });
}

describe('the credential', () => {
  it('is an Open Badges 3.0 credential with the name, the course, the hours and the code, and no more', () => {
    const credential = buildCredential(facts, issuer, verifyUrl);
    expect(credential).toMatchObject({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: verifyUrl,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: issuer.id, type: ['Profile'], name: issuer.name },
      validFrom: '2025-03-14T09:26:53Z',
      credentialSubject: {
        type: ['AchievementSubject'],
        identifier: [
          { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: facts.holderName },
          { type: 'IdentityObject', identityType: 'ext:CertificateCode', hashed: false, identityHash: facts.code },
        ],
        achievement: { type: ['Achievement'], achievementType: 'Course', humanCode: 'adoptive-parents' },
        result: [{ type: ['Result'], value: '37.5' }],
      },
    });
    expect(credential.credentialSubject.id).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(credential.credentialSubject.achievement.description).toContain(facts.courseTitles.en);
    expect(credential.credentialSubject.achievement.criteria.narrative).not.toBe('');
    // Only what the certificate prints: no IIN, email or phone could have slipped in.
    expect(JSON.stringify(credential)).not.toMatch(/\d{12}|[\w.+-]+@[\w-]+\.\w/);
  });

  it('is the same for the same facts, and its holder id differs from one certificate to the next', () => {
    const again = buildCredential(facts, issuer, verifyUrl);
    expect(again).toEqual(buildCredential(facts, issuer, verifyUrl));
    const other = buildCredential({ ...facts, code: 'SC-7K4M-2P9R-X' }, issuer, verifyUrl);
    expect(other.credentialSubject.id).not.toBe(again.credentialSubject.id);
  });

  it.each([
    [{ holderName: '900101300123' }, 'never an IIN'],
    [{ holderName: 'aliya@example.kz' }, 'never an IIN'],
    [{ holderName: '  ' }, 'never an IIN'],
    [{ code: 'SC-7K4M-2P9Q-X' }, 'Not a certificate code'],
    [{ academicHours: 0 }, 'positive'],
    [{ academicHours: Number.NaN }, 'positive'],
  ])('is refused for facts that are not a certificate’s (%o)', (change, message) => {
    expect(() => buildCredential({ ...facts, ...change }, issuer, verifyUrl)).toThrow(message);
  });

  it('is refused for an issuer or verify address that is not a web address', () => {
    expect(() => buildCredential(facts, { ...issuer, id: 'alaqan' }, verifyUrl)).toThrow('http(s)');
    expect(() => buildCredential(facts, issuer, 'javascript:alert(1)')).toThrow('http(s)');
  });
});

describe('the signed credential', () => {
  it('is a VC-JWT with the OB 3.0 claims mapped from the credential', () => {
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'EdDSA', typ: 'vc+jwt', kid: key.publicJwk.kid });
    const payload = decode(segments(jwt)[1]);
    expect(payload).toMatchObject({
      iss: issuer.id,
      jti: verifyUrl,
      nbf: facts.issuedAt.getTime() / 1000,
      sub: (payload['credentialSubject'] as { id: string }).id,
      issuer: { id: issuer.id },
    });
    expect(payload).not.toHaveProperty('vc');
  });

  it('verifies offline and gives the facts back', async () => {
    expect(await verifyCredential(jwt, [otherKey.publicJwk, key.publicJwk])).toEqual({
      valid: true,
      facts: {
        code: facts.code,
        holderName: facts.holderName,
        courseKey: facts.courseKey,
        academicHours: facts.academicHours,
        issuedAt: facts.issuedAt,
      },
      issuer: { id: issuer.id, name: issuer.name },
      credentialId: verifyUrl,
      kid: key.publicJwk.kid,
    });
  });

  it('is the same token for the same facts and key (Ed25519 is deterministic)', async () => {
    expect(await signCredential(buildCredential(facts, issuer, verifyUrl), key)).toBe(jwt);
  });

  it('with a changed payload fails its signature', async () => {
    const [header, payload, signature] = segments(jwt);
    const changed = decode(payload);
    (changed['credentialSubject'] as { identifier: { identityHash: string }[] }).identifier[0] = {
      ...(changed['credentialSubject'] as { identifier: { identityHash: string }[] }).identifier[0],
      identityHash: 'Басқа Адам',
    };
    await expectFailure(`${header}.${encode(changed)}.${signature}`, 'bad-signature');
    // Hours, one character of the payload as it was sent.
    const flipped = payload.slice(0, 100) + (payload[100] === 'A' ? 'B' : 'A') + payload.slice(101);
    await expectFailure(`${header}.${flipped}.${signature}`, 'bad-signature');
  });

  it('signed by a key the school does not have is refused as unknown, and as forged when it claims our key id', async () => {
    const foreign = await signCredential(buildCredential(facts, issuer, verifyUrl), otherKey);
    await expectFailure(foreign, 'unknown-key');
    const impostor: SigningKey = { ...otherKey, publicJwk: { ...otherKey.publicJwk, kid: key.publicJwk.kid } };
    await expectFailure(await signCredential(buildCredential(facts, issuer, verifyUrl), impostor), 'bad-signature');
    await expectFailure(jwt, 'unknown-key', []);
  });

  it('cut short anywhere is malformed', async () => {
    for (const length of [jwt.length - 1, jwt.length - 40, jwt.lastIndexOf('.') + 1, jwt.indexOf('.') + 30, 10]) {
      await expectFailure(jwt.slice(0, length), 'malformed');
    }
  });

  it('signed by the school but not shaped as a certificate is not a certificate', async () => {
    const sign = (payload: Record<string, unknown>, typ = 'vc+jwt') =>
      new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', typ, kid: key.publicJwk.kid }).sign(key.privateKey);
    const payload = decode(segments(jwt)[1]);
    await expectFailure(await sign({ hello: 'world' }), 'not-a-certificate');
    await expectFailure(await sign({ ...payload, iss: 'https://elsewhere.example/' }), 'not-a-certificate');
    await expectFailure(await sign({ ...payload, nbf: (payload['nbf'] as number) + 60 }), 'not-a-certificate');
    await expectFailure(await sign(payload, 'JWT+other'), 'not-a-certificate');
    // Not valid yet: issued an hour from now.
    const future = new Date(Date.now() + 3_600_000);
    const early = await signCredential(buildCredential({ ...facts, issuedAt: future }, issuer, verifyUrl), key);
    await expectFailure(early, 'not-a-certificate');
    expect((await verifyCredential(early, [key.publicJwk], { now: new Date(future.getTime() + 1000) })).valid).toBe(
      true,
    );
  });

  it('refuses tokens that are not signed with EdDSA, the unsigned one included', async () => {
    const [, payload] = segments(jwt);
    const none = `${encode({ alg: 'none', kid: key.publicJwk.kid })}.${payload}.${'A'.repeat(86)}`;
    await expectFailure(none, 'bad-signature');
    const hs = await new SignJWT(decode(payload))
      .setProtectedHeader({ alg: 'HS256', kid: key.publicJwk.kid })
      .sign(new TextEncoder().encode(key.publicJwk.x));
    await expectFailure(hs, 'malformed'); // an HMAC is 32 bytes, not an Ed25519 signature's 64
  });

  it('never throws, whatever it is given', async () => {
    const hostile = [
      '',
      ' ',
      '...',
      'a.b.c',
      `${'a'.repeat(40)}.${'b'.repeat(40)}.${'c'.repeat(86)}`,
      `${encode('just a string')}.${encode({})}.${'A'.repeat(86)}`,
      `${encode({ alg: 'EdDSA', kid: key.publicJwk.kid, crit: ['b64'], b64: false })}.${segments(jwt)[1]}.${segments(jwt)[2]}`,
      'x'.repeat(1_000_000),
      '\u0000\uFFFF\uD800',
      `${jwt}.${jwt}`,
      jwt.replace(/\./g, '..'),
      null as unknown as string,
      { toString: () => jwt } as unknown as string,
    ];
    for (const [index, input] of hostile.entries()) {
      const result = await verifyCredential(input, [key.publicJwk]);
      expect(result.valid, `hostile input ${index}`).toBe(false);
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400 }), async (input) => {
        expect((await verifyCredential(input, [key.publicJwk])).valid).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('ignores a private key passed among the public ones, and keys that are not Ed25519', async () => {
    const withPrivate = { ...key.publicJwk, d: 'not-used' };
    expect((await verifyCredential(jwt, [{ kty: 'RSA', n: 'x', e: 'AQAB' }, withPrivate])).valid).toBe(true);
  });
});
