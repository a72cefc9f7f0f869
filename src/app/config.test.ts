import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

const production = {
  SITE_URL: 'https://alaqan.example.kz',
  RESEND_API_KEY: 're_x',
  EMAIL_FROM: 'a@b.kz',
  SCHOOL_SIGNING_KEY: '{"kty":"OKP"}',
};

describe('the portal’s settings', () => {
  it('use PGlite in DATA_DIR by default and the server when DATABASE_URL is set', () => {
    expect(readConfig({ ...production, DATA_DIR: '/srv/alaqan' })).toMatchObject({
      database: { kind: 'pglite', dataDir: '/srv/alaqan/pglite' },
      uploadsDir: '/srv/alaqan/uploads',
    });
    expect(readConfig({ ...production, DATABASE_URL: 'postgres://u@db/alaqan' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db/alaqan',
    });
    expect(readConfig({ ...production, DATA_DIR: ':memory:' }).database).toEqual({
      kind: 'pglite',
      dataDir: undefined,
    });
  });

  it('have their defaults', () => {
    expect(readConfig(production)).toMatchObject({
      port: 4321,
      host: '127.0.0.1',
      trustProxy: false,
      outboxIntervalMs: 5000,
      publishing: undefined,
      deployment: { development: false, origin: 'https://alaqan.example.kz' },
    });
  });

  it.each([
    [{ DATABASE_URL: 'mysql://u@db/x' }, 'DATABASE_URL'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
    [{ OUTBOX_INTERVAL_MS: '10' }, 'OUTBOX_INTERVAL_MS'],
    [{ SANITY_WEBHOOK_SECRET: 'short' }, 'SANITY_WEBHOOK_SECRET'],
    [{ SANITY_WEBHOOK_SECRET: 'a-secret-of-sixteen-or-more' }, 'PUBLISH_HOOK_URL'],
    [{ PUBLISH_HOOK_URL: 'not an address' }, 'PUBLISH_HOOK_URL'],
    [{ RESEND_API_KEY: '' }, 'RESEND_API_KEY'],
    [{ EMAIL_FROM: '' }, 'EMAIL_FROM'],
    [{ SITE_URL: '' }, 'SITE_URL'],
    [{ SCHOOL_SIGNING_KEY: '' }, 'SCHOOL_SIGNING_KEY'],
  ])('stop at start on %o, naming %s', (wrong, variable) => {
    expect(() => readConfig({ ...production, ...wrong })).toThrow(variable);
  });

  it.each([{ NODE_ENV: 'production' }, {}, { NODE_ENV: 'test' }])(
    'refuse a start without an email service unless development is chosen (%o)',
    (mode) => {
      expect(() => readConfig({ SITE_URL: 'https://alaqan.example.kz', ...mode })).toThrow(
        /RESEND_API_KEY.*NODE_ENV=development/,
      );
    },
  );

  it('refuse a start outside development without the public address, naming SITE_URL', () => {
    expect(() => readConfig({ RESEND_API_KEY: 're_x', EMAIL_FROM: 'a@b.kz' })).toThrow('SITE_URL');
  });

  it('in development, need neither a mail service nor a public address nor a signing key', () => {
    expect(readConfig({ NODE_ENV: 'development', PORT: '4400', DATA_DIR: '/srv/dev' })).toMatchObject({
      deployment: { development: true, origin: 'http://127.0.0.1:4400' },
      email: { development: true },
      schoolSigningKey: { kind: 'development', dataDir: '/srv/dev' },
    });
  });

  it('take the signing key as given, and tell how to make one when it is missing', () => {
    expect(readConfig(production).schoolSigningKey).toEqual({ kind: 'given', value: '{"kty":"OKP"}' });
    expect(() => readConfig({ ...production, SCHOOL_SIGNING_KEY: undefined })).toThrow(
      /SCHOOL_SIGNING_KEY.*\n.*generateKey/s,
    );
  });

  it('take the publishing webhook as a pair', () => {
    expect(
      readConfig({
        ...production,
        SANITY_WEBHOOK_SECRET: 'a-secret-of-sixteen-or-more',
        PUBLISH_HOOK_URL: 'https://ci.example/hook',
      }).publishing,
    ).toEqual({ secret: 'a-secret-of-sixteen-or-more', hookUrl: 'https://ci.example/hook' });
  });
});
