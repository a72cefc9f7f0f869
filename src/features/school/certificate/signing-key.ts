/**
 * The key the school signs its certificates with: an Ed25519 private key, from the environment
 * (SCHOOL_SIGNING_KEY) in production, or from a file in the data directory in development so that
 * certificates made yesterday still verify today. The key id is the key's RFC 7638 thumbprint, so
 * the same key always has the same id and a published key set needs no registry of names.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, importPKCS8, type JWK } from 'jose';
import { z } from 'zod';

export interface SigningKey {
  /** Not extractable: nothing can write it out again once it is parsed. */
  privateKey: CryptoKey;
  /** What a verifier needs, to publish as is (a JWKS entry). */
  publicJwk: JWK & { kid: string };
}

/** The environment variable the key is read from, named in every message about it. */
export const signingKeyVariable = 'SCHOOL_SIGNING_KEY';

/** The file `developmentSigningKey` keeps its key in, inside the data directory. */
export const developmentKeyFile = 'school-signing-key.jwk';

/**
 * A command that prints a new key as one line of JSON, with nothing but Node (no checkout of the
 * portal needed, so it can be run on the server that will hold the secret). WebCrypto, not this
 * module, so the line is self-contained; `generateSigningKeyJwk` makes keys of the same shape.
 */
export const generateKeyCommand =
  `node -e "crypto.subtle.generateKey({name:'Ed25519'},true,['sign'])` +
  `.then(k=>crypto.subtle.exportKey('jwk',k.privateKey)).then(j=>console.log(JSON.stringify(j)))"`;

const privateJwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  d: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  x: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .optional(),
});

/** The fixed DER prefix of an Ed25519 PKCS#8 key: the 32 bytes of `d` follow it. */
const pkcs8Prefix = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

class SigningKeyError extends Error {
  override name = 'SigningKeyError';
}

/**
 * A PEM boundary line, such as the one that opens a PKCS#8 key. Built rather than written out, so
 * that no line of the source looks like a committed key to a secret scanner.
 */
export function pemBoundary(edge: 'BEGIN' | 'END', label: string): string {
  const dashes = '-'.repeat(5);
  return `${dashes}${edge} ${label}${dashes}`;
}

const pkcs8Begin = pemBoundary('BEGIN', 'PRIVATE KEY');
/** How any PEM's first line starts, whatever it holds. */
const pemStart = `${'-'.repeat(5)}BEGIN`;

function problem(source: string, reason: string): SigningKeyError {
  // Never the value itself: it is a secret, and messages end up in logs.
  return new SigningKeyError(
    `${source} must be an Ed25519 private key: a JWK with "d", or a PKCS#8 PEM (${pkcs8Begin}); ` +
      `${reason}. Make one with: ${generateKeyCommand}`,
  );
}

/** Imports the private half as non-extractable and works out the public half and its id. */
async function fromPrivateJwk(jwk: { d: string; x: string }): Promise<SigningKey> {
  const privateKey = await importJWK({ kty: 'OKP', crv: 'Ed25519', d: jwk.d, x: jwk.x }, 'EdDSA', {
    extractable: false,
  });
  if (!(privateKey instanceof CryptoKey)) throw new Error('An Ed25519 JWK imported as a secret: jose changed.');
  const publicJwk = { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  return { privateKey, publicJwk: { ...publicJwk, kid, alg: 'EdDSA', use: 'sig' } };
}

/** `x` from `d`, through a PKCS#8 import, for a JWK that was written without it. */
async function publicPart(d: string): Promise<string> {
  const der = new Uint8Array([...pkcs8Prefix, ...Buffer.from(d, 'base64url')]);
  const key = await crypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, true, ['sign']);
  const { x } = await crypto.subtle.exportKey('jwk', key);
  if (x === undefined) throw new Error('WebCrypto exported an Ed25519 key without x.');
  return x;
}

/**
 * Reads the signing key from a setting: an Ed25519 private JWK as JSON (what `generateKeyCommand`
 * prints; `x` may be left out) or a PKCS#8 PEM, whose line breaks may be written as `\n`. Throws a
 * message that names `source`, says what is wrong and how to make a key; it never repeats the value.
 */
export async function parseSigningKey(value: string, source: string = signingKeyVariable): Promise<SigningKey> {
  const text = value.trim();
  if (text === '') throw problem(source, 'it is empty');
  if (text.startsWith('{') || text.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw problem(source, 'it looks like JSON but is not valid JSON');
    }
    const parsed = privateJwkSchema.safeParse(json);
    if (!parsed.success) {
      const shape = z
        .object({ kty: z.unknown(), crv: z.unknown(), d: z.unknown(), keys: z.unknown() })
        .partial()
        .safeParse(json);
      const fields: { kty?: unknown; crv?: unknown; d?: unknown; keys?: unknown } = shape.success ? shape.data : {};
      if (fields.keys !== undefined) throw problem(source, 'this is a key set ({"keys": …}): give the one private key');
      if (fields.kty !== 'OKP' || fields.crv !== 'Ed25519') {
        throw problem(source, 'this JWK is not an Ed25519 key (it needs "kty": "OKP" and "crv": "Ed25519")');
      }
      if (fields.d === undefined) throw problem(source, 'this JWK has no "d": it is the public half only');
      throw problem(source, 'its "d" or "x" is not 32 bytes in base64url');
    }
    const { d } = parsed.data;
    try {
      return await fromPrivateJwk({ d, x: parsed.data.x ?? (await publicPart(d)) });
    } catch {
      // WebCrypto refuses a JWK whose x is not the public half of its d.
      throw problem(source, 'its "x" does not belong to its "d" (copy the whole JWK the command printed)');
    }
  }
  if (text.includes(pemStart)) {
    // Environment files and secret stores often keep a PEM on one line with "\n" written out.
    const pem = text.replace(/\\n/g, '\n');
    if (!pem.includes(pkcs8Begin)) {
      throw problem(source, `this PEM is not PKCS#8 (it must begin with ${pkcs8Begin})`);
    }
    let jwk: JWK;
    try {
      jwk = await exportJWK(await importPKCS8(pem, 'EdDSA', { extractable: true }));
    } catch {
      throw problem(source, 'this PEM is not an Ed25519 private key, or it is damaged');
    }
    if (jwk.d === undefined || jwk.x === undefined) throw problem(source, 'this PEM holds no private key');
    return fromPrivateJwk({ d: jwk.d, x: jwk.x });
  }
  throw problem(source, 'it is neither JSON nor a PEM');
}

/** A new Ed25519 private key as one line of JWK JSON: the value SCHOOL_SIGNING_KEY takes. */
export async function generateSigningKeyJwk(): Promise<string> {
  const { privateKey } = await generateKeyPair('Ed25519', { extractable: true });
  const { kty, crv, d, x } = await exportJWK(privateKey);
  return JSON.stringify({ kty, crv, d, x });
}

export interface DevelopmentKey {
  key: SigningKey;
  /** True when the key was made by this call: the caller says so in the log. */
  created: boolean;
  /** Where the key is kept; undefined for a key in memory only. */
  file: string | undefined;
}

/**
 * The signing key for development and tests, when SCHOOL_SIGNING_KEY is not set: kept in
 * `<dataDir>/school-signing-key.jwk` (readable by the owner only), made on first use; with
 * `':memory:'` (the data directory of tests) a new key that lives as long as the process.
 */
export async function developmentSigningKey(dataDir: string): Promise<DevelopmentKey> {
  if (dataDir === ':memory:') {
    return { key: await parseSigningKey(await generateSigningKeyJwk()), created: true, file: undefined };
  }
  const file = path.join(dataDir, developmentKeyFile);
  const read = async (text: string) =>
    parseSigningKey(
      text,
      `${file} (delete it to make a new key; certificates signed with the old one will no longer verify)`,
    );
  try {
    return { key: await read(await readFile(file, 'utf8')), created: false, file };
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const jwk = await generateSigningKeyJwk();
  await mkdir(dataDir, { recursive: true });
  try {
    // `wx`: two processes starting at once must not each write a key and sign with different ones.
    await writeFile(file, `${jwk}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return { key: await read(await readFile(file, 'utf8')), created: false, file };
    }
    throw error;
  }
  return { key: await parseSigningKey(jwk), created: true, file };
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** The variable that lists keys no longer used for signing, whose certificates must still verify. */
export const retiredKeysVariable = 'SCHOOL_RETIRED_KEYS';

const retiredKeysSchema = z.array(
  z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string().regex(/^[\w-]{43}$/) }).loose(),
);

/**
 * The public keys of retired signing keys (a JSON array of JWKs, or a key set `{ "keys": [...] }`,
 * such as `/issuer/keys.json` published before the change): certificates they signed keep
 * verifying after `SCHOOL_SIGNING_KEY` is replaced. Private parts, if pasted by mistake, are dropped.
 */
export async function parseRetiredKeys(value: string | undefined): Promise<(JWK & { kid: string })[]> {
  if (!value?.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error(
      `${retiredKeysVariable} must be JSON: the "keys" of an old /issuer/keys.json, or an array of public keys.`,
    );
  }
  const list = retiredKeysSchema.safeParse(
    // Not `'keys' in parsed`: every array has a keys method.
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as { keys?: unknown }).keys
      : parsed,
  );
  if (!list.success) {
    throw new Error(`${retiredKeysVariable} must list Ed25519 public keys ({"kty":"OKP","crv":"Ed25519","x":"…"}).`);
  }
  return Promise.all(
    list.data.map(async ({ x }) => {
      const publicJwk: JWK = { kty: 'OKP', crv: 'Ed25519', x };
      return { ...publicJwk, kid: await calculateJwkThumbprint(publicJwk, 'sha256'), alg: 'EdDSA', use: 'sig' };
    }),
  );
}
