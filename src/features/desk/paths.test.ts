import { describe, expect, it } from 'vitest';
import { deskReturnPath } from './paths.ts';

describe('the page to return to after confirming', () => {
  it('is a page of the desk in the same language, whatever a reference ends in', () => {
    for (const reference of ['AQ-7K4M-2P9X-Q', 'AQ-7K4M-2P9X-*', 'AQ-7K4M-2P9X-~', 'AQ-7K4M-2P9X-$', 'AQ-7K4M-2P9X-='])
      expect(deskReturnPath(`/kk/desk/applications/${reference}/?open=conclusion#conclusion`, 'kk')).toBe(
        `/kk/desk/applications/${reference}/?open=conclusion#conclusion`,
      );
    expect(deskReturnPath('/en/desk/export.csv?stage=new&form=adoption', 'en')).toBe(
      '/en/desk/export.csv?stage=new&form=adoption',
    );
  });

  it('is nothing else: another site, another language, the portal outside the desk, a header split', () => {
    for (const wanted of [
      'https://evil.example/kk/desk/',
      '//evil.example/kk/desk/',
      '/\\evil.example/kk/desk/',
      '/ru/desk/',
      '/kk/account/',
      '/kk/desk/../account/',
      'kk/desk/',
      `/kk/desk/${'a'.repeat(600)}`,
    ])
      expect(deskReturnPath(wanted, 'kk'), wanted).toBeUndefined();
    // A line break cannot reach the Location header: it is encoded or dropped.
    expect(deskReturnPath('/kk/desk/\r\nSet-Cookie: x=1', 'kk')).not.toMatch(/[\r\n]/);
  });
});
