/** Every kind of response carries the security headers, and the policy forbids inline scripts. */
import { expect, test, type APIResponse } from '@playwright/test';
import { signInAs } from './helpers.ts';

const required = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'permissions-policy'];

function expectSecure(response: APIResponse) {
  const headers = response.headers();
  for (const name of required) expect(headers[name], name).toBeTruthy();
  expect(headers['x-content-type-options']).toBe('nosniff');
  const policy = headers['content-security-policy'] ?? '';
  const scriptSrc = /script-src ([^;]+)/.exec(policy)?.[1] ?? /default-src ([^;]+)/.exec(policy)?.[1] ?? '';
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(policy).toContain("frame-ancestors 'none'");
}

test('a page, an asset, a redirect and a 404 all carry the security headers', async ({ request }) => {
  const page = await request.get('/en/');
  expect(page.status()).toBe(200);
  expectSecure(page);
  const stylesheet = /href="(\/_astro\/[^"]+\.css)"/.exec(await page.text())?.[1];
  expect(stylesheet).toBeTruthy();
  expectSecure(await request.get(stylesheet ?? ''));
  const redirect = await request.get('/', { maxRedirects: 0 });
  expect(redirect.status()).toBe(302);
  expectSecure(redirect);
  const missing = await request.get('/kk/no-such-page/');
  expect(missing.status()).toBe(404);
  expectSecure(missing);
});

test('pages are sent compressed', async ({ request }) => {
  const response = await request.get('/kk/guides/asyrap-alu/', { headers: { 'Accept-Encoding': 'br, gzip' } });
  expect(response.headers()['content-encoding']).toBe('br');
  const gzip = await request.get('/kk/guides/asyrap-alu/', { headers: { 'Accept-Encoding': 'gzip' } });
  expect(gzip.headers()['content-encoding']).toBe('gzip');
});

test('pages rendered on request are sent compressed too, and still never cached', async ({ request }) => {
  for (const path of ['/kk/sign-in/', '/ru/eligibility/']) {
    const response = await request.get(path, { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-encoding'], path).toBe('br');
    expect(response.headers()['cache-control'], path).toContain('no-store');
    expect(await response.text(), path).toContain('</html>');
    const plain = await request.get(path, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers()['content-encoding'], path).toBeUndefined();
  }
});

test('the browser enforces the policy: an injected inline script does not run', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') violations.push(message.text());
  });
  await page.goto('/en/');
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  expect(violations.join('\n')).toContain('Content Security Policy');
});

test('a guide is the same file for everyone; only the header frame knows who is signed in, and no cache keeps it', async ({
  page,
  request,
}) => {
  const anonymous = await request.get('/en/guides/adoption/');
  const frame = await request.get('/en/account/header/');
  expect(frame.headers()['cache-control']).toBe('private, no-store');
  // Only the site itself may frame it.
  expect(frame.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
  expect(frame.headers()['x-frame-options']).toBe('SAMEORIGIN');
  expect(await frame.text()).toContain('/en/sign-in/');

  const email = `header-${Date.now()}@example.kz`;
  await signInAs(page, email);
  const signedIn = await page.request.get('/en/guides/adoption/');
  expect(await signedIn.text()).toBe(await anonymous.text());
  expect(signedIn.headers()['cache-control']).toBe(anonymous.headers()['cache-control']);
  const ownFrame = await page.request.get('/en/account/header/');
  expect(await ownFrame.text()).toContain('/en/sign-out/');

  // In the page, the frame shows the account and the way to sign out.
  await page.goto('/en/guides/adoption/');
  const header = page.frameLocator('iframe.account-frame-embed');
  await expect(header.getByRole('link', { name: /Your account/ })).toBeVisible();
  await expect(header.getByRole('button', { name: 'Sign out' })).toBeVisible();
});
