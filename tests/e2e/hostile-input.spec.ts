/**
 * Hostile input never gets a server error: random and malicious forms posted to every step of
 * the application journey, and to the other forms, are answered with a redirect or a 4xx, and the
 * server goes on working. Property-based, with fast-check.
 */
import fc from 'fast-check';
import { expect, test } from '@playwright/test';
import { stepOrder } from '../../src/features/applications/journey.ts';
import { addressOf, signInAs } from './helpers.ts';
import { rawRequest } from './raw-http.ts';

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    "' or 1=1 --",
    '"; drop table applications; --',
    '<script>alert(1)</script>',
    '\u0000\u0007\u202e',
    '9'.repeat(5000),
    '-1',
    '1e309',
    'NaN',
    '{"$ne":1}',
    '../../etc/passwd',
  ),
);
const fieldNames = fc.constantFrom(
  'form',
  'fullName',
  'iin',
  'birthDate',
  'sex',
  'citizenship',
  'maritalStatus',
  'phone',
  'email',
  'district',
  'settlement',
  'street',
  'memberName-1',
  'memberBirthYear-1',
  'tenure',
  'rooms',
  'employment',
  'monthlyIncome',
  'listedDisease',
  'dispensary',
  'record',
  'ageFrom',
  'ageTo',
  'siblings',
  'health',
  'consent',
  'return',
  '__proto__',
  'constructor',
  'admin',
);
const forms = fc.dictionary(fieldNames, nasty, { maxKeys: 12 });

test('no step of the journey answers hostile input with a server error', async ({ page, baseURL }, testInfo) => {
  test.setTimeout(180_000);
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': addressOf(testInfo.testId) });
  const email = `hostile-${Date.now()}@example.kz`;
  await signInAs(page, email);
  const request = page.context().request;
  for (const path of [
    ...stepOrder.map((step) => `/en/apply/${step}/`),
    '/en/apply/check/',
    '/en/eligibility/',
    '/en/sign-in/',
    '/en/sign-in/code/',
  ]) {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(forms, async (form) => {
        const response = await request.post(path, { form, headers: { Origin: baseURL ?? '' }, maxRedirects: 0 });
        statuses.add(response.status());
        expect(response.status(), `${path} ${JSON.stringify(form).slice(0, 80)}`).toBeLessThan(500);
      }),
      { numRuns: 25 },
    );
    // The forms reached the page's own validation, not just the cross-site check.
    expect(
      [...statuses].some((status) => status !== 403),
      `${path}: ${[...statuses].join(', ')}`,
    ).toBe(true);
  }
  // And a body that is not a form at all.
  const garbage = await request.post('/en/apply/form/', {
    data: Buffer.from([0xff, 0xfe, 0x00, 0x01]),
    headers: { Origin: baseURL ?? '', 'Content-Type': 'multipart/form-data; boundary=x' },
    maxRedirects: 0,
  });
  expect(garbage.status()).toBeLessThan(500);
  expect((await request.get('/en/')).status()).toBe(200);
});

test('no method, host or body size gets a server error, and each is refused the way it must be', async ({
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);
  const base = baseURL ?? '';
  const own = new URL(base).host;
  const ip = addressOf(testInfo.testId);
  const methods = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND');
  const hosts = fc.constantFrom(
    { headers: { Host: own }, path: (p: string) => p, forged: false },
    { headers: { Host: 'evil.example' }, path: (p: string) => p, forged: true },
    { headers: { Host: own.toUpperCase() }, path: (p: string) => p, forged: false },
    { headers: { Host: own, 'X-Forwarded-Host': 'evil.example' }, path: (p: string) => p, forged: true },
    { headers: { Host: own }, path: (p: string) => `http://evil.example${p}`, forged: true },
    { headers: { Host: own }, path: (p: string) => `${base}${p}`, forged: false },
  );
  const sizes = fc.constantFrom(0, 10, 30_000, 40_000, 300_000, 11 * 1024 * 1024);
  const paths = fc.constantFrom(
    '/kk/',
    '/en/sign-in/',
    '/en/apply/form/',
    '/en/apply/documents/',
    '/en/eligibility/',
    '/api/sanity/publish/',
    '/_image/',
  );
  const types = fc.constantFrom(
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=b',
    'application/json',
    'text/plain',
  );
  await fc.assert(
    fc.asyncProperty(methods, hosts, sizes, paths, types, async (method, host, size, path, type) => {
      const hasBody = method !== 'GET' && method !== 'HEAD' && size > 0;
      const answer = await rawRequest(base, {
        method,
        path: host.path(path),
        headers: {
          ...host.headers,
          Origin: base,
          'X-Forwarded-For': ip,
          ...(hasBody ? { 'Content-Type': type, 'Content-Length': size } : {}),
        },
        ...(hasBody ? { body: Buffer.alloc(size, 'a') } : {}),
      }).catch(() => undefined);
      const label = `${method} ${host.path(path)} ${JSON.stringify(host.headers)} ${String(size)} ${type}`;
      // A connection cut after a refusal of a large body is acceptable; a server error never is.
      if (!answer) {
        expect(size, label).toBeGreaterThan(1024 * 1024);
        return;
      }
      expect(answer.status, label).toBeLessThan(500);
      if (!['GET', 'HEAD', 'POST'].includes(method)) expect(answer.status, label).toBe(405);
      else if (host.forged) expect(answer.status, label).toBe(421);
    }),
    { numRuns: 120 },
  );
  expect((await fetch(`${base}/kk/`)).status).toBe(200);
});
