/**
 * Passwordless sign-in as an applicant goes through it: in each language, with and without
 * JavaScript, reading the code from the email the portal sent; and the ways it refuses.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { addressOf, codeFor, lastEmailTo } from './helpers.ts';

const texts = {
  kk: {
    email: 'Электрондық пошта мекенжайы',
    send: 'Код алу',
    code: 'Хаттағы код',
    signIn: 'Кіру',
    account: 'Жеке кабинет',
    signOut: 'Шығу',
  },
  ru: {
    email: 'Адрес электронной почты',
    send: 'Получить код',
    code: 'Код из письма',
    signIn: 'Войти',
    account: 'Личный кабинет',
    signOut: 'Выйти',
  },
  en: {
    email: 'Email address',
    send: 'Send me a code',
    code: 'Code from the email',
    signIn: 'Sign in',
    account: 'Your account',
    signOut: 'Sign out',
  },
} as const;

test.beforeEach(async ({ page }, testInfo) => {
  await page.setExtraHTTPHeaders({ 'X-Forwarded-For': addressOf(testInfo.testId) });
});

/** axe runs in the page, so only where JavaScript is on; the same pages are checked with it on. */
async function axe(page: Page, javaScriptEnabled = true) {
  if (!javaScriptEnabled) return;
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(results.violations.map((violation) => violation.id)).toEqual([]);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });
    for (const lang of ['kk', 'ru', 'en'] as const) {
      test(`an applicant signs in and out in ${lang}`, async ({ page }) => {
        // Three axe scans of a phone-sized page take most of the default 30 s on a busy machine.
        test.setTimeout(60_000);
        const t = texts[lang];
        const email = `applicant-${lang}-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.kz`;
        // A static page's header asks who is signed in through a small frame: "Sign in" here.
        await page.goto(`/${lang}/`);
        await page
          .frameLocator('iframe.account-frame-embed')
          .getByRole('link', { name: t.signIn === 'Войти' ? 'Вход' : t.signIn })
          .click();
        await expect(page).toHaveURL(new RegExp(`/${lang}/sign-in/$`));
        await axe(page, javaScriptEnabled);
        await page.getByLabel(t.email).fill(email.toUpperCase());
        await page.getByRole('button', { name: t.send }).click();
        await expect(page).toHaveURL(new RegExp(`/${lang}/sign-in/code/$`));
        expect(page.url()).not.toContain('@');
        await axe(page, javaScriptEnabled);
        const code = await codeFor(page, email);
        await page.getByLabel(t.code).fill(code);
        await page.getByRole('button', { name: t.signIn }).click();
        await expect(page).toHaveURL(new RegExp(`/${lang}/account/$`));
        await expect(page.getByRole('heading', { level: 1, name: t.account })).toBeVisible();
        await expect(page.getByRole('main').getByText(email)).toBeVisible();
        await axe(page, javaScriptEnabled);
        const session = (await page.context().cookies()).find((cookie) => cookie.name.includes('alaqan_session'));
        expect(session).toMatchObject({ name: '__Host-alaqan_session', httpOnly: true, secure: true, sameSite: 'Lax' });
        // Signed in, every page's header says so, with the account and the way out.
        await expect(page.getByRole('banner').getByRole('link', { name: t.account })).toBeVisible();
        await page.getByRole('banner').getByRole('button', { name: t.signOut }).click();
        await expect(page).toHaveURL(new RegExp(`/${lang}/$`));
        await page.goto(`/${lang}/account/`);
        await expect(page).toHaveURL(new RegExp(`/${lang}/sign-in/$`));
      });
    }
  });
}

test('a wrong address format and a wrong code are explained, in the page language', async ({ page }) => {
  await page.goto('/ru/sign-in/');
  await page.getByLabel('Адрес электронной почты').fill('not-an-address');
  await page.getByRole('button', { name: 'Получить код' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Введите адрес электронной почты в правильном формате');
  await expect(summary).toBeFocused();
  await summary.getByRole('link').click();
  await expect(page.getByLabel('Адрес электронной почты')).toBeFocused();
  await axe(page);
  const email = `wrong-code-${Date.now()}@example.kz`;
  await page.getByLabel('Адрес электронной почты').fill(email);
  await page.getByRole('button', { name: 'Получить код' }).click();
  const code = await codeFor(page, email);
  const wrong = code === '000000' ? '111111' : '000000';
  await page.getByLabel('Код из письма').fill(wrong);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('alert')).toContainText('осталось 4 попытки');
  await axe(page);
});

test('the link from the email signs in only after a button press, and only once', async ({ page, browser }) => {
  const email = `link-${Date.now()}@example.kz`;
  await page.goto('/en/sign-in/');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send me a code' }).click();
  const emailText = await lastEmailTo(page, email, /\/sign-in\/link\//);
  const link = /(https?:\/\/[^\s<]+\/en\/sign-in\/link\/\?token=[A-Za-z0-9_-]+)/.exec(emailText)?.[1] ?? '';
  // The link is on the portal's public address (SITE_URL), whatever host the request named.
  expect(link.startsWith(`${new URL(page.url()).origin}/en/sign-in/link/?token=`)).toBe(true);
  const other = await browser.newContext();
  const linkPage = await other.newPage();
  await linkPage.goto(link);
  await expect(linkPage.getByRole('heading', { level: 1 })).toHaveText('Sign in to Alaqan');
  await axe(linkPage);
  await linkPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(linkPage).toHaveURL(/\/en\/account\/$/);
  await other.close();
  const again = await browser.newContext();
  const secondPage = await again.newPage();
  await secondPage.goto(link);
  await secondPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(secondPage.getByRole('heading', { level: 1 })).toHaveText('This code no longer works');
  await again.close();
});

test('pages with personal data are never cached', async ({ request }) => {
  for (const path of ['/en/sign-in/', '/en/sign-in/code/', '/en/account/']) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.headers()['cache-control'], path).toContain('no-store');
  }
});

test('a form posted from another site is refused', async ({ request }) => {
  const response = await request.post('/en/sign-in/', {
    form: { email: 'someone@example.kz' },
    headers: { Origin: 'https://attacker.example' },
  });
  expect(response.status()).toBe(403);
});

test('a sixth code within the hour is refused with a clear message', async ({ page }) => {
  for (let i = 0; i < 6; i += 1) {
    await page.goto('/kk/sign-in/');
    await page.getByLabel('Электрондық пошта мекенжайы').fill(`limit-${i}-${Date.now()}@example.kz`);
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
      page.getByRole('button', { name: 'Код алу' }).click(),
    ]);
    if (i < 5) expect(response.status()).toBe(303);
    else expect(response.status()).toBe(429);
  }
  await expect(page.getByRole('alert')).toContainText('Бір сағат күтіп');
});
