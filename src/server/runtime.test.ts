import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseLocation, portalRuntime, startRuntime } from './runtime.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the portal runtime', () => {
  it('uses PGlite in DATA_DIR by default and the server when DATABASE_URL is set', () => {
    expect(databaseLocation({ DATA_DIR: '/srv/alaqan' })).toEqual({ kind: 'pglite', dataDir: '/srv/alaqan/pglite' });
    expect(databaseLocation({ DATABASE_URL: 'postgres://u@db/alaqan' })).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db/alaqan',
    });
    expect(() => databaseLocation({ DATABASE_URL: 'mysql://u@db/x' })).toThrow('DATABASE_URL');
    expect(databaseLocation({ DATA_DIR: ':memory:' })).toEqual({ kind: 'pglite', dataDir: undefined });
  });

  it('migrates on start, keeps data across restarts, and is reachable by server routes', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'alaqan-runtime-'));
    const lines: string[] = [];
    const first = await startRuntime({ DATA_DIR: dir, NODE_ENV: 'development' }, (line) => lines.push(line));
    expect(lines.join('\n')).toContain('migrations applied: 0001_outbox');
    expect(lines.join('\n')).toContain('development mailbox');
    expect(portalRuntime()).toBe(first);
    await first.db.query(
      "insert into dev_mailbox (id, recipient, subject, text_body, html_body) values (gen_random_uuid(), 'a@b.c', 's', 't', 'h')",
    );
    await first.stop();
    expect(() => portalRuntime()).toThrow('not started');
    const second = await startRuntime({ DATA_DIR: dir, NODE_ENV: 'development' }, () => undefined);
    expect(await second.db.query('select recipient from dev_mailbox')).toEqual([{ recipient: 'a@b.c' }]);
    await second.stop();
  });

  it.each([{ NODE_ENV: 'production' }, {}, { NODE_ENV: 'test' }])(
    'refuses to start without an email service unless development is chosen (%o)',
    async (mode) => {
      dir = await mkdtemp(path.join(tmpdir(), 'alaqan-runtime-'));
      await expect(
        startRuntime({ DATA_DIR: dir, SITE_URL: 'https://alaqan.example.kz', ...mode }, () => undefined),
      ).rejects.toThrow('RESEND_API_KEY');
    },
  );

  it('refuses to start outside development without the public address, naming SITE_URL', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'alaqan-runtime-'));
    await expect(
      startRuntime({ DATA_DIR: dir, RESEND_API_KEY: 're_x', EMAIL_FROM: 'a@b.kz' }, () => undefined),
    ).rejects.toThrow('SITE_URL');
  });

  it('builds absolute addresses from SITE_URL, never from a request', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'alaqan-runtime-'));
    const runtime = await startRuntime(
      { DATA_DIR: dir, SITE_URL: 'https://alaqan.example.kz', RESEND_API_KEY: 're_x', EMAIL_FROM: 'a@b.kz' },
      () => undefined,
    );
    expect(runtime.publicUrl('/en/sign-in/link/?token=abc')).toBe(
      'https://alaqan.example.kz/en/sign-in/link/?token=abc',
    );
    expect(() => runtime.publicUrl('//evil.example/x')).toThrow();
    await runtime.stop();
  });
});
