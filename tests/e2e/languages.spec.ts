/**
 * Every page exists in kk, ru and en; its switcher and hreflang lead to the same page in the other
 * languages; `/` redirects to the visitor's language; the 404 is in the visitor's language.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { builtPages, htmlFileOf } from './built-site.ts';
import { followMenuLink } from './helpers.ts';

const locales = ['kk', 'ru', 'en'] as const;
const pages = builtPages();

function alternatesIn(html: string): Record<string, string> {
  return Object.fromEntries<string>(
    [...html.matchAll(/<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)"/g)].map((m) => [
      m[1] ?? '',
      new URL(m[2] ?? '').pathname,
    ]),
  );
}

function switcherLinks(html: string): Record<string, string> {
  const nav = /<nav class="language-switcher"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  return Object.fromEntries<string>(
    [...nav.matchAll(/<a href="([^"]+)" hreflang="([a-z]+)"/g)].map((m) => [m[2] ?? '', m[1] ?? '']),
  );
}

test('every page has a translation in every language, linked both ways', () => {
  expect(pages.length).toBeGreaterThan(60);
  for (const lang of locales) expect(pages.filter((p) => p.startsWith(`/${lang}/`)).length).toBe(pages.length / 3);
  for (const pagePath of pages) {
    const lang = pagePath.split('/')[1] ?? '';
    const html = readFileSync(htmlFileOf(pagePath), 'utf8');
    expect(html, pagePath).toContain(`<html lang="${lang}"`);
    const alternates = alternatesIn(html);
    expect(alternates[lang], `${pagePath} names itself`).toBe(pagePath);
    expect(alternates['x-default']).toBe('/');
    const switcher = switcherLinks(html);
    for (const other of locales.filter((l) => l !== lang)) {
      const target = alternates[other] ?? '';
      expect(switcher[other], `${pagePath} → ${other}`).toBe(target);
      expect(pages, `${pagePath} → ${other} exists`).toContain(target);
      const back = alternatesIn(readFileSync(htmlFileOf(target), 'utf8'));
      expect(back[lang], `${target} leads back to ${pagePath}`).toBe(pagePath);
    }
  }
});

test('every page has its own localized title and description', () => {
  const titles = new Set<string>();
  for (const pagePath of pages) {
    const html = readFileSync(htmlFileOf(pagePath), 'utf8');
    const title = /<title>([^<]+)<\/title>/.exec(html)?.[1] ?? '';
    const description = /<meta name="description" content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(title, pagePath).not.toBe('');
    expect(description.length, pagePath).toBeGreaterThan(30);
    expect(titles.has(title), `${pagePath} title "${title}" is unique`).toBe(false);
    titles.add(title);
  }
});

for (const [header, expected] of [
  ['ru-RU,ru;q=0.9,en;q=0.8', '/ru/'],
  ['en-US,en;q=0.9', '/en/'],
  ['kk-KZ,kk;q=0.9,ru;q=0.8', '/kk/'],
  ['de-DE', '/kk/'],
] as const) {
  test(`/ redirects a browser asking for "${header}" to ${expected}`, async ({ request }) => {
    const response = await request.get('/', { headers: { 'Accept-Language': header }, maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(response.headers()['location']).toBe(expected);
    expect(response.headers()['vary']).toContain('Accept-Language');
    expect(await response.text()).not.toContain('http-equiv');
  });
}

/** Headings of the page's main content whose section holds no text before the next heading of the same or a higher level. */
function emptySections(html: string): string[] {
  const main = /<main[\s\S]*?<\/main>/.exec(html)?.[0] ?? '';
  const headings = [...main.matchAll(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/g)];
  return headings.flatMap((heading, index) => {
    const level = Number(heading[1]);
    const next = headings.slice(index + 1).find((later) => Number(later[1]) <= level);
    const end = next?.index ?? main.length;
    const between = main.slice(heading.index + heading[0].length, end);
    const text = between.replace(/<[^>]+>/g, '').replace(/&nbsp;|\s/g, '');
    return text === '' ? [heading[2]?.replace(/<[^>]+>/g, '').trim() ?? ''] : [];
  });
}

test('no page has a heading over an empty section', () => {
  expect(emptySections('<main><h2>Who cannot</h2><h2>Documents</h2><p>ID</p></main>')).toEqual(['Who cannot']);
  expect(emptySections('<main><h2>Who</h2><h3>Can</h3><p>a</p><h3>Cannot</h3><ul><li>b</li></ul></main>')).toEqual([]);
  for (const pagePath of pages) {
    expect(emptySections(readFileSync(htmlFileOf(pagePath), 'utf8')), pagePath).toEqual([]);
  }
});

test('the language switcher leads to the same page, and / remembers the choice', async ({ browser }) => {
  const context = await browser.newContext({
    locale: 'ru-RU',
    extraHTTPHeaders: { 'Accept-Language': 'ru-RU,ru;q=0.9' },
  });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/\/ru\/$/);
  await followMenuLink(page, 'Формы семейного устройства');
  await page
    .getByRole('link', { name: /Усыновление/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/ru\/guides\/usynovlenie\/$/);
  await page.getByRole('navigation', { name: 'Язык' }).getByRole('link', { name: 'Қазақша' }).click();
  await expect(page).toHaveURL(/\/kk\/guides\/asyrap-alu\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'kk');
  await page.goto('/');
  await expect(page).toHaveURL(/\/kk\/$/);
  await context.close();
});

for (const lang of locales) {
  test(`an unknown address under /${lang}/ answers 404 in that language`, async ({ page }) => {
    const response = await page.goto(`/${lang}/no-such-page/`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('main').getByRole('link').first()).toHaveAttribute('href', `/${lang}/`);
  });
}
