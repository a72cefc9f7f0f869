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
    const first = await startRuntime({ DATA_DIR: dir }, (line) => lines.push(line));
    expect(lines.join('\n')).toContain('migrations applied: 0001_outbox');
    expect(lines.join('\n')).toContain('development mailbox');
    expect(portalRuntime()).toBe(first);
    await first.db.query(
      "insert into dev_mailbox (id, recipient, subject, text_body, html_body) values (gen_random_uuid(), 'a@b.c', 's', 't', 'h')",
    );
    await first.stop();
    expect(() => portalRuntime()).toThrow('not started');
    const second = await startRuntime({ DATA_DIR: dir }, () => undefined);
    expect(await second.db.query('select recipient from dev_mailbox')).toEqual([{ recipient: 'a@b.c' }]);
    await second.stop();
  });

  it('refuses to start in production without an email service', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'alaqan-runtime-'));
    await expect(startRuntime({ DATA_DIR: dir, NODE_ENV: 'production' }, () => undefined)).rejects.toThrow(
      'RESEND_API_KEY',
    );
  });
});
