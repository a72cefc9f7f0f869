import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';
import { portalRuntime, startRuntime } from './runtime.ts';
import { generateSigningKeyJwk } from '../features/school/certificate/signing-key.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the portal runtime', () => {
  it('migrates on start, keeps data across restarts, and is reachable by server routes', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'alaqan-runtime-'));
    const lines: string[] = [];
    const config = readConfig({ DATA_DIR: dir, NODE_ENV: 'development' });
    const first = await startRuntime(config, (line) => lines.push(line));
    expect(lines.join('\n')).toContain('migrations applied: 0001_outbox');
    expect(lines.join('\n')).toContain('development mailbox');
    // In development the school's signing key is made in DATA_DIR, said so, and kept for the next start.
    expect(lines.join('\n')).toMatch(/development key made now in .*school-signing-key\.jwk/);
    expect(portalRuntime()).toBe(first);
    await first.db.query(
      "insert into dev_mailbox (id, recipient, subject, text_body, html_body) values (gen_random_uuid(), 'a@b.c', 's', 't', 'h')",
    );
    await first.stop();
    expect(() => portalRuntime()).toThrow('not started');
    const secondLines: string[] = [];
    const second = await startRuntime(config, (line) => secondLines.push(line));
    expect(await second.db.query('select recipient from dev_mailbox')).toEqual([{ recipient: 'a@b.c' }]);
    expect(second.issuer.key.publicJwk.kid).toBe(first.issuer.key.publicJwk.kid);
    expect(secondLines.join('\n')).toContain('development key read');
    await second.stop();
  });

  it('builds absolute addresses from SITE_URL, never from a request', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'alaqan-runtime-'));
    const runtime = await startRuntime(
      readConfig({
        DATA_DIR: dir,
        SITE_URL: 'https://alaqan.example.kz',
        RESEND_API_KEY: 're_x',
        EMAIL_FROM: 'a@b.kz',
        SCHOOL_SIGNING_KEY: await generateSigningKeyJwk(),
      }),
      () => undefined,
    );
    // Certificates name the issuer and their verification page on the public address too.
    expect(runtime.issuer.id).toBe('https://alaqan.example.kz/issuer/profile.json');
    expect(runtime.issuer.verifyUrl('SC-7K4M-2P9X-Q')).toBe('https://alaqan.example.kz/kk/verify/?code=SC-7K4M-2P9X-Q');
    expect(runtime.publicUrl('/en/sign-in/link/?token=abc')).toBe(
      'https://alaqan.example.kz/en/sign-in/link/?token=abc',
    );
    expect(() => runtime.publicUrl('//evil.example/x')).toThrow();
    await runtime.stop();
  });
});
