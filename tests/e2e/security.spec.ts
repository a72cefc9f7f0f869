/**
 * The findings of the security review (../shared/reviews/security.md), each reproduced against the
 * built portal as it runs in production: a forged host, a form of half a million fields to every
 * form endpoint, a chunked body without end, a mailbox that must not exist, methods and framework
 * routes the portal does not use, and the start-up refusals.
 */
import { spawnSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { stepOrder } from '../../src/features/applications/journey.ts';
import { mailPort } from '../../.config/playwright.config.ts';
import { addressOf, codeFor, signInAs } from './helpers.ts';
import { rawRequest } from './raw-http.ts';

test('H1: a sign-in asked for under a forged host is refused and sends no email', async ({
  baseURL,
  page,
}, testInfo) => {
  const base = baseURL ?? '';
  const email = `forged-host-${Date.now()}@example.kz`;
  const ip = addressOf(testInfo.testId);
  const attempts: Record<string, string>[] = [
    { Host: 'evil.example', Origin: 'http://evil.example' },
    { Host: 'evil.example:8080', Origin: 'http://evil.example:8080' },
    // Behind the proxy (TRUST_PROXY=1 here), the host the client asked the proxy for.
    { Host: new URL(base).host, Origin: base, 'X-Forwarded-Host': 'evil.example' },
  ];
  for (const headers of attempts) {
    const answer = await rawRequest(base, {
      method: 'POST',
      path: '/en/sign-in/',
      headers: { ...headers, 'X-Forwarded-For': ip, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `email=${encodeURIComponent(email)}`,
    });
    expect(answer.status, JSON.stringify(headers)).toBe(421);
  }
  // An absolute address in the request line, with the right Host.
  const absolute = await rawRequest(base, {
    method: 'POST',
    path: 'http://evil.example/en/sign-in/',
    headers: {
      Host: new URL(base).host,
      Origin: base,
      'X-Forwarded-For': ip,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: `email=${encodeURIComponent(email)}`,
  });
  expect(absolute.status).toBe(421);
  // None of them sent an email; a request under the right host does, with a link on the public address.
  const signInPage = page;
  await signInPage.setExtraHTTPHeaders({ 'X-Forwarded-For': ip });
  await signInPage.goto('/en/sign-in/');
  await signInPage.getByLabel('Email address').fill(email);
  await signInPage.getByRole('button', { name: 'Send me a code' }).click();
  await codeFor(signInPage, email);
  const sent = (await (await page.request.get(`http://127.0.0.1:${mailPort}/emails`)).json()) as {
    to: string[];
    text: string;
  }[];
  const toVictim = sent.filter((message) => message.to.includes(email));
  expect(toVictim).toHaveLength(1);
  expect(toVictim[0]?.text).toContain(`${base}/en/sign-in/link/?token=`);
  expect(toVictim[0]?.text).not.toContain('evil.example');
});

test('H2 and M1: a form of half a million fields, to every form endpoint, gets a fast 4xx while the site goes on answering', async ({
  baseURL,
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const base = baseURL ?? '';
  const ip = addressOf(testInfo.testId);
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': ip });
  const cookie = await signInAs(page, `flood-${Date.now()}@example.kz`);
  const reference = 'AQ-0000-0000-0';
  const endpoints = [
    ...stepOrder.map((step) => `/en/apply/${step}/`),
    '/en/apply/check/',
    '/en/apply/delete/',
    '/en/eligibility/',
    '/en/sign-in/',
    '/en/sign-in/code/',
    '/en/sign-in/link/',
    '/en/sign-out/',
    '/en/account/session/',
    `/en/account/${reference}/`,
    `/en/account/${reference}/documents/`,
    '/en/course/',
    '/en/course/motivation/motivation-why-adopt/',
    '/en/course/motivation/test/',
    '/en/course/motivation/test/answer/',
    '/en/verify/',
    '/api/sanity/publish/',
  ];
  const fields = Buffer.from(Array.from({ length: 500_000 }, (_, index) => `k${index}=v`).join('&'));
  const boundary = 'flood';
  const parts = Buffer.from(
    Array.from(
      { length: 150_000 },
      (_, index) => `--${boundary}\r\nContent-Disposition: form-data; name="k${index}"\r\n\r\nv\r\n`,
    ).join('') + `--${boundary}--\r\n`,
  );
  for (const path of endpoints) {
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', fields],
      [`multipart/form-data; boundary=${boundary}`, parts],
    ] as const) {
      for (const chunked of [false, true]) {
        const headers: Record<string, string | number> = {
          Origin: base,
          Cookie: cookie,
          'X-Forwarded-For': ip,
          'Content-Type': type,
          ...(chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': body.length }),
        };
        const flood = rawRequest(base, { method: 'POST', path, headers, body }).catch(() => undefined);
        // Meanwhile, another visitor is served.
        const meanwhile = await fetch(`${base}/kk/`);
        expect(meanwhile.status, `${path} meanwhile`).toBe(200);
        const answer = await flood;
        const label = `${path} ${type.split(';')[0] ?? ''} ${chunked ? 'chunked' : 'declared'}`;
        // Refused (or the connection cut once the answer was sent), never accepted, never a 5xx.
        if (answer) {
          expect(answer.status, label).toBeGreaterThanOrEqual(400);
          expect(answer.status, label).toBeLessThan(500);
          // Minutes before the fix; a generous bound, so a busy machine does not fail it.
          expect(answer.ms, label).toBeLessThan(10_000);
        }
      }
    }
  }
  expect((await fetch(`${base}/en/`)).status).toBe(200);
});

test('M2: there is no mailbox on a portal that sends email; its address is the portal’s own 404', async ({
  request,
}) => {
  const answer = await request.get('/dev/mailbox/');
  expect(answer.status()).toBe(404);
  const html = await answer.text();
  expect(html).toContain('<html lang="kk"');
  expect(answer.headers()['content-type']).toBe('text/html; charset=utf-8');
});

test('M2: a start without a mail service, or without the public address, refuses to run and names the setting', () => {
  const start = (env: Record<string, string>) => {
    const cleaned = Object.fromEntries(
      Object.entries(process.env).filter(
        ([name]) =>
          !['NODE_ENV', 'SITE_URL', 'RESEND_API_KEY', 'EMAIL_FROM', 'DATABASE_URL', 'SCHOOL_SIGNING_KEY'].includes(
            name,
          ),
      ),
    );
    return spawnSync(process.execPath, ['src/cli/serve.ts'], {
      env: { ...cleaned, PORT: '4398', DATA_DIR: ':memory:', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
  };
  const noAddress = start({});
  expect(noAddress.status).toBe(1);
  expect(noAddress.stderr).toContain('SITE_URL');
  const noMail = start({ SITE_URL: 'https://alaqan.example.kz' });
  expect(noMail.status).toBe(1);
  expect(noMail.stderr).toContain('RESEND_API_KEY');
  const notHttps = start({ SITE_URL: 'http://alaqan.example.kz', RESEND_API_KEY: 're_x', EMAIL_FROM: 'a@b.kz' });
  expect(notHttps.status).toBe(1);
  expect(notHttps.stderr).toContain('https://');
  const noSigningKey = start({ SITE_URL: 'https://alaqan.example.kz', RESEND_API_KEY: 're_x', EMAIL_FROM: 'a@b.kz' });
  expect(noSigningKey.status).toBe(1);
  expect(noSigningKey.stderr).toContain('SCHOOL_SIGNING_KEY');
});

test('L5 and I1: unused methods get 405, framework routes are not there, rendered 404s are the portal’s, HTML says its charset', async ({
  baseURL,
  page,
}, testInfo) => {
  const base = baseURL ?? '';
  for (const path of ['/kk/', '/en/sign-in/', '/en/apply/', '/api/sanity/publish/', '/favicon.svg']) {
    for (const method of ['TRACE', 'PUT', 'DELETE', 'OPTIONS']) {
      const answer = await rawRequest(base, { method, path });
      expect(answer.status, `${method} ${path}`).toBe(405);
      expect(answer.headers['allow']).toBe('GET, HEAD, POST');
    }
  }
  const image = await rawRequest(base, { path: '/_image/?href=/favicon.svg&w=64&f=png' });
  expect(image.status).toBe(404);
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': addressOf(testInfo.testId) });
  await signInAs(page, `not-found-${Date.now()}@example.kz`);
  const missing = await page.goto('/ru/account/AQ-0000-0000-0/');
  expect(missing?.status()).toBe(404);
  expect(missing?.headers()['content-type']).toBe('text/html; charset=utf-8');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Страница не найдена');
  // The portal's page, with its header and navigation, not the framework's bare default.
  await expect(page.locator('header.site-header')).toBeVisible();
  const signInPage = await page.request.get('/kk/sign-in/');
  expect(signInPage.headers()['content-type']).toBe('text/html; charset=utf-8');
});

test('I2: a JSON post from another site changes nothing, whatever its content type', async ({
  baseURL,
  page,
}, testInfo) => {
  const base = baseURL ?? '';
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': addressOf(testInfo.testId) });
  const cookie = await signInAs(page, `json-${Date.now()}@example.kz`);
  for (const [path, origin] of [
    ['/en/sign-out/', 'http://evil.example'],
    ['/en/account/session/', 'http://evil.example'],
    ['/en/sign-out/', undefined],
  ] as const) {
    const answer = await rawRequest(base, {
      method: 'POST',
      path,
      headers: { Cookie: cookie, 'Content-Type': 'application/json', ...(origin ? { Origin: origin } : {}) },
      body: '{}',
    });
    expect(answer.status, `${path} ${String(origin)}`).toBe(403);
  }
  // Still signed in.
  await page.goto('/en/account/');
  await expect(page).toHaveURL(/\/en\/account\/$/);
});
