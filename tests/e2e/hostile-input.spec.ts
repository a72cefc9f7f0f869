/**
 * Hostile input never gets a server error: random and malicious forms posted to every step of
 * the application journey, and to the other forms, are answered with a redirect or a 4xx, and the
 * server goes on working. Property-based, with fast-check.
 */
import fc from 'fast-check';
import { expect, test } from '@playwright/test';
import { stepOrder } from '../../src/features/applications/journey.ts';
import { addressOf, codeFor } from './helpers.ts';

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
  await page.goto('/en/sign-in/');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await page.getByLabel('Code from the email').fill(await codeFor(page, email));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/en\/account\/$/);
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
