import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  developmentKeyFile,
  developmentSigningKey,
  generateKeyCommand,
  generateSigningKeyJwk,
  parseRetiredKeys,
  parseSigningKey,
  pemBoundary,
} from './signing-key.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'alaqan-key-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the signing key', () => {
  it('is read from a JWK, with the public half and an RFC 7638 thumbprint as its id', async () => {
    const jwk = JSON.parse(await generateSigningKeyJwk()) as Record<string, string>;
    const key = await parseSigningKey(JSON.stringify(jwk));
    expect(key.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', x: jwk['x'], alg: 'EdDSA' });
    expect(key.publicJwk).not.toHaveProperty('d');
    expect(key.publicJwk.kid).toMatch(/^[\w-]{43}$/);
    expect(key.privateKey.extractable).toBe(false);
    // The same key, written without its x, is the same key with the same id.
    const withoutX = await parseSigningKey(JSON.stringify({ kty: 'OKP', crv: 'Ed25519', d: jwk['d'] }));
    expect(withoutX.publicJwk).toEqual(key.publicJwk);
  });

  it('is read from a PKCS#8 PEM, also with its line breaks written as \\n', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const x = publicKey.export({ format: 'jwk' }).x;
    expect((await parseSigningKey(pem)).publicJwk.x).toBe(x);
    expect((await parseSigningKey(pem.trim().replace(/\n/g, '\\n'))).publicJwk.x).toBe(x);
  });

  it('made by the command in the message is accepted as it is printed', async () => {
    const code = /node -e "(.*)"$/.exec(generateKeyCommand)?.[1];
    expect(code).toBeDefined();
    const printed = execFileSync(process.execPath, ['-e', code ?? ''], { encoding: 'utf8' });
    const key = await parseSigningKey(printed);
    expect(key.publicJwk.kid).toMatch(/^[\w-]{43}$/);
  });

  it.each([
    ['', 'it is empty'],
    ['{"kty":"OKP"', 'not valid JSON'],
    ['[1,2]', 'not an Ed25519 key'],
    ['{"keys":[]}', 'key set'],
    ['{"kty":"EC","crv":"P-256","d":"x","x":"y","y":"z"}', 'not an Ed25519 key'],
    ['{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}', 'no "d"'],
    ['{"kty":"OKP","crv":"Ed25519","d":"short"}', 'not 32 bytes'],
    [`${pemBoundary('BEGIN', 'RSA PRIVATE KEY')}\nMIIB\n${pemBoundary('END', 'RSA PRIVATE KEY')}`, 'not PKCS#8'],
    [`${pemBoundary('BEGIN', 'PRIVATE KEY')}\nMIIB\n${pemBoundary('END', 'PRIVATE KEY')}`, 'damaged'],
    ['secret-passphrase', 'neither JSON nor a PEM'],
  ])('refuses %j, saying what is wrong and how to make one', async (value, reason) => {
    const refusal = parseSigningKey(value);
    await expect(refusal).rejects.toThrow(reason);
    await expect(refusal).rejects.toThrow(/^SCHOOL_SIGNING_KEY must be an Ed25519 private key.*Make one with: node -e/);
  });

  it('refuses a JWK whose x is not the public half of its d, without repeating the secret', async () => {
    const one = JSON.parse(await generateSigningKeyJwk()) as Record<string, string>;
    const other = JSON.parse(await generateSigningKeyJwk()) as Record<string, string>;
    const mixed = JSON.stringify({ ...one, x: other['x'] });
    const refusal = parseSigningKey(mixed);
    await expect(refusal).rejects.toThrow('does not belong');
    await expect(refusal).rejects.not.toThrow(one['d'] ?? '-');
  });

  it('refuses an RSA key in a PKCS#8 PEM', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(parseSigningKey(pem)).rejects.toThrow('not an Ed25519 private key');
  });
});

describe('the development signing key', () => {
  it('is made once, kept readable by its owner only, and read back the next time', async () => {
    const dir = path.join(await tempDir(), 'data');
    const first = await developmentSigningKey(dir);
    expect(first).toMatchObject({ created: true, file: path.join(dir, developmentKeyFile) });
    expect((await stat(path.join(dir, developmentKeyFile))).mode & 0o777).toBe(0o600);
    const second = await developmentSigningKey(dir);
    expect(second.created).toBe(false);
    expect(second.key.publicJwk).toEqual(first.key.publicJwk);
  });

  it('is one key when two starts race for it', async () => {
    const dir = await tempDir();
    const [a, b] = await Promise.all([developmentSigningKey(dir), developmentSigningKey(dir)]);
    expect(a.key.publicJwk.kid).toBe(b.key.publicJwk.kid);
    const stored = await parseSigningKey(await readFile(path.join(dir, developmentKeyFile), 'utf8'));
    expect(stored.publicJwk.kid).toBe(a.key.publicJwk.kid);
  });

  it('in memory is new each time and written nowhere', async () => {
    const a = await developmentSigningKey(':memory:');
    const b = await developmentSigningKey(':memory:');
    expect(a).toMatchObject({ created: true, file: undefined });
    expect(a.key.publicJwk.kid).not.toBe(b.key.publicJwk.kid);
  });

  it('that is damaged stops the start, naming the file and what deleting it means', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, developmentKeyFile), '{"kty":"OKP"}');
    await expect(developmentSigningKey(dir)).rejects.toThrow(
      `${path.join(dir, developmentKeyFile)} (delete it to make a new key; certificates signed with the old one will no longer verify) must be`,
    );
  });
});

describe('retired keys', () => {
  it('are read from a key set or a list, public parts only, with their thumbprints', async () => {
    const old = await parseSigningKey(await generateSigningKeyJwk());
    const set = JSON.stringify({ keys: [old.publicJwk] });
    const [fromSet] = await parseRetiredKeys(set);
    expect(fromSet).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: old.publicJwk.x,
      kid: old.publicJwk.kid,
      alg: 'EdDSA',
      use: 'sig',
    });
    const withPrivate = JSON.parse(await generateSigningKeyJwk()) as Record<string, string>;
    const [fromList] = await parseRetiredKeys(JSON.stringify([withPrivate]));
    expect(fromList).not.toHaveProperty('d');
    expect(await parseRetiredKeys(undefined)).toEqual([]);
  });

  it('refuse what is not a list of Ed25519 public keys, naming the variable', async () => {
    await expect(parseRetiredKeys('not json')).rejects.toThrow('SCHOOL_RETIRED_KEYS');
    await expect(parseRetiredKeys('[{"kty":"RSA","n":"x","e":"AQAB"}]')).rejects.toThrow('SCHOOL_RETIRED_KEYS');
  });
});
