import { describe, expect, it } from 'vitest';
import { normalizeHost, publicUrl, readDeployment } from './deployment.ts';

describe('the deployment settings', () => {
  it('require SITE_URL outside development, naming it and the way to a development run', () => {
    expect(() => readDeployment({})).toThrow(/SITE_URL.*NODE_ENV=development/);
    expect(() => readDeployment({ NODE_ENV: 'production' })).toThrow('SITE_URL');
    expect(() => readDeployment({ NODE_ENV: 'test', SITE_URL: '' })).toThrow('SITE_URL');
  });

  it('refuse a SITE_URL that is not a public origin', () => {
    for (const wrong of [
      'alaqan.example.kz',
      'http://alaqan.example.kz',
      'ftp://alaqan.example.kz',
      'https://alaqan.example.kz/kk/',
      'https://alaqan.example.kz/?x=1',
      'https://user@alaqan.example.kz',
    ]) {
      expect(() => readDeployment({ SITE_URL: wrong }), wrong).toThrow('SITE_URL');
    }
  });

  it('take the public origin and its host, and the extra hosts of ALLOWED_HOSTS', () => {
    const deployment = readDeployment({
      SITE_URL: 'https://Alaqan.Example.KZ/',
      ALLOWED_HOSTS: 'www.alaqan.example.kz, alaqan.example.kz:8443',
    });
    expect(deployment.development).toBe(false);
    expect(deployment.origin).toBe('https://alaqan.example.kz');
    expect([...deployment.allowedHosts].sort()).toEqual([
      'alaqan.example.kz',
      'alaqan.example.kz:8443',
      'www.alaqan.example.kz',
    ]);
    expect(() => readDeployment({ SITE_URL: 'https://a.kz', ALLOWED_HOSTS: 'evil.example/path' })).toThrow(
      'ALLOWED_HOSTS',
    );
  });

  it('in development, default to this machine at its port, under its loopback names only', () => {
    const deployment = readDeployment({ NODE_ENV: 'development', PORT: '4400' });
    expect(deployment.development).toBe(true);
    expect(deployment.origin).toBe('http://127.0.0.1:4400');
    expect(deployment.allowedHosts).toEqual(new Set(['127.0.0.1:4400', 'localhost:4400', '[::1]:4400']));
  });

  it('allow plain http only for this machine', () => {
    expect(readDeployment({ SITE_URL: 'http://127.0.0.1:4329' }).origin).toBe('http://127.0.0.1:4329');
    expect(readDeployment({ SITE_URL: 'http://localhost:4329' }).origin).toBe('http://localhost:4329');
  });
});

describe('hosts', () => {
  it('are compared in one spelling: lower case, no trailing dot, no default port', () => {
    expect(normalizeHost('Alaqan.Example.KZ.', 'https')).toBe('alaqan.example.kz');
    expect(normalizeHost('alaqan.example.kz:443', 'https')).toBe('alaqan.example.kz');
    expect(normalizeHost('alaqan.example.kz:443', 'http')).toBe('alaqan.example.kz:443');
    expect(normalizeHost('[::1]:4321', 'http')).toBe('[::1]:4321');
  });

  it('are not hosts when they carry user info, paths, spaces or nothing', () => {
    for (const wrong of ['a@b.kz', 'b.kz/x', 'b.kz x', '', 'b.kz:port', '-b.kz', undefined]) {
      expect(normalizeHost(wrong, 'https'), String(wrong)).toBeUndefined();
    }
  });

  it('make absolute addresses from the public origin only', () => {
    expect(publicUrl({ origin: 'https://a.kz' }, '/kk/sign-in/link/?token=t')).toBe(
      'https://a.kz/kk/sign-in/link/?token=t',
    );
    expect(() => publicUrl({ origin: 'https://a.kz' }, 'https://evil.example/')).toThrow();
    expect(() => publicUrl({ origin: 'https://a.kz' }, '//evil.example/')).toThrow();
  });
});
