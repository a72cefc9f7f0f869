import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';
import { portalRuntime, startRuntime } from './runtime.ts';

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
    expect(portalRuntime()).toBe(first);
    await first.db.query(
      "insert into dev_mailbox (id, recipient, subject, text_body, html_body) values (gen_random_uuid(), 'a@b.c', 's', 't', 'h')",
    );
    await first.stop();
    expect(() => portalRuntime()).toThrow('not started');
    const second = await startRuntime(config, () => undefined);
    expect(await second.db.query('select recipient from dev_mailbox')).toEqual([{ recipient: 'a@b.c' }]);
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
      }),
      () => undefined,
    );
    expect(runtime.publicUrl('/en/sign-in/link/?token=abc')).toBe(
      'https://alaqan.example.kz/en/sign-in/link/?token=abc',
    );
    expect(() => runtime.publicUrl('//evil.example/x')).toThrow();
    await runtime.stop();
  });
});
