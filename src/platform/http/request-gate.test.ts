import { describe, expect, it } from 'vitest';
import {
  bodyLimitFor,
  bodyLimits,
  checkHost,
  countFormFields,
  formEncodingOf,
  isAllowedMethod,
  loggablePath,
} from './request-gate.ts';

const deployment = { origin: 'https://alaqan.example.kz', allowedHosts: new Set(['alaqan.example.kz']) };
const bytes = (text: string) => new TextEncoder().encode(text);

describe('the request gate', () => {
  it('answers GET, HEAD and POST only', () => {
    expect(['GET', 'HEAD', 'POST'].every(isAllowedMethod)).toBe(true);
    expect(['TRACE', 'PUT', 'OPTIONS', 'CONNECT', 'get', undefined].some(isAllowedMethod)).toBe(false);
  });

  it('gives each route the body it can need', () => {
    expect(bodyLimitFor('/kk/sign-in/')).toBe(bodyLimits.form);
    expect(bodyLimitFor('/en/apply/form/')).toBe(bodyLimits.form);
    expect(bodyLimitFor('/en/apply/documents/')).toBe(bodyLimits.upload);
    expect(bodyLimitFor('/ru/account/AQ-7K2M-9PQR-X/documents/')).toBe(bodyLimits.upload);
    expect(bodyLimitFor('/ru/account/AQ-7K2M-9PQR-X/')).toBe(bodyLimits.form);
    expect(bodyLimitFor('/api/sanity/publish/')).toBe(bodyLimits.webhook);
    expect(bodyLimits.form.bytes).toBeLessThan(64 * 1024);
  });

  it('knows the two encodings of a browser form, and nothing else', () => {
    expect(formEncodingOf('application/x-www-form-urlencoded; charset=UTF-8')).toBe('urlencoded');
    expect(formEncodingOf('multipart/form-data; boundary="----abc"')).toEqual({ multipartBoundary: '----abc' });
    expect(formEncodingOf('Multipart/Form-Data; charset=utf-8; boundary=x')).toEqual({ multipartBoundary: 'x' });
    for (const other of [
      'multipart/form-data',
      `multipart/form-data; boundary=${'b'.repeat(71)}`,
      'application/json',
      'text/plain',
      undefined,
    ]) {
      expect(formEncodingOf(other), String(other)).toBeUndefined();
    }
  });

  it('counts fields and parts without parsing', () => {
    expect(countFormFields(bytes(''), 'urlencoded')).toBe(0);
    expect(countFormFields(bytes('a=1'), 'urlencoded')).toBe(1);
    expect(countFormFields(bytes('a=1&b=2&&c'), 'urlencoded')).toBe(4);
    const multipart =
      '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b\r\nContent-Disposition: form-data; name="f"; filename="x.pdf"\r\n\r\n%PDF-\r\n--b--\r\n';
    expect(countFormFields(bytes(multipart), { multipartBoundary: 'b' })).toBe(2);
    expect(countFormFields(bytes('no delimiters'), { multipartBoundary: 'b' })).toBe(0);
  });

  it('counts half a million fields in linear time (a form that used to freeze the server for minutes)', () => {
    const body = bytes(Array.from({ length: 500_000 }, (_, index) => `k${index}=v`).join('&'));
    expect(countFormFields(body, 'urlencoded')).toBe(500_000);
  });

  it('checks every way a host reaches the portal', () => {
    const at = (url: string, host: string | undefined, forwardedHost?: string) => ({ url, host, forwardedHost });
    expect(checkHost(at('/kk/', 'alaqan.example.kz'), deployment, false)).toEqual({ ok: true });
    expect(checkHost(at('/kk/', 'ALAQAN.example.kz:443'), deployment, false)).toEqual({ ok: true });
    expect(checkHost(at('/kk/', 'evil.example'), deployment, false).ok).toBe(false);
    expect(checkHost(at('/kk/', undefined), deployment, false).ok).toBe(false);
    expect(checkHost(at('https://evil.example/kk/', 'alaqan.example.kz'), deployment, false).ok).toBe(false);
    expect(checkHost(at('https://alaqan.example.kz/kk/', 'alaqan.example.kz'), deployment, false).ok).toBe(true);
    expect(checkHost(at('*', 'alaqan.example.kz'), deployment, false).ok).toBe(false);
    // Without a trusted proxy the forwarded host is not read (the server drops it); behind one it must be ours.
    expect(checkHost(at('/kk/', 'alaqan.example.kz', 'evil.example'), deployment, false).ok).toBe(true);
    expect(checkHost(at('/kk/', 'alaqan.example.kz', 'evil.example'), deployment, true).ok).toBe(false);
    expect(checkHost(at('/kk/', 'alaqan.example.kz', 'alaqan.example.kz'), deployment, true).ok).toBe(true);
  });

  it('writes paths to the log as sent, with nothing that could forge a line', () => {
    expect(loggablePath('/kk/%0aFORGED?email=a@b.kz')).toBe('/kk/%0aFORGED');
    expect(loggablePath('/kk/\nFORGED\r\0')).toBe('/kk/%0AFORGED%0D%00');
    expect(loggablePath('/kk/ä b')).toBe('/kk/%C3%A4%20b');
    expect(loggablePath(`/${'a'.repeat(1000)}`).length).toBeLessThan(310);
  });
});
