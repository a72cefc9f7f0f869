import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './paths.ts';

describe('where sign-in brings the applicant back', () => {
  it('accepts the portal’s own signed-in pages', () => {
    expect(safeReturnPath('/kk/apply/')).toBe('/kk/apply/');
    expect(safeReturnPath('/ru/apply/address/')).toBe('/ru/apply/address/');
    expect(safeReturnPath('/en/account/AQ-7K2M-9XQ4-T/')).toBe('/en/account/AQ-7K2M-9XQ4-T/');
    expect(safeReturnPath('/kk/course/behaviour/behaviour-as-message/')).toBe(
      '/kk/course/behaviour/behaviour-as-message/',
    );
  });

  it('refuses other sites, climbing paths, other pages and unknown languages', () => {
    for (const path of [
      undefined,
      '',
      '//evil.example/',
      'https://evil.example/en/apply/',
      '/\\evil.example/',
      '/en/apply/../../admin/',
      '/en/apply/%2e%2e/',
      '/en/apply/check?x=1',
      '/en/search/',
      '/de/apply/',
      `/en/apply/${'a/'.repeat(200)}`,
    ])
      expect(safeReturnPath(path), String(path)).toBeUndefined();
  });
});
