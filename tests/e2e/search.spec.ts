/** Site search per language; without JavaScript the page still lists every page. */
import { expect, test } from '@playwright/test';

const cases = [
  { lang: 'kk', query: 'асырап', expected: /asyrap-alu/ },
  { lang: 'ru', query: 'усыновление', expected: /usynovlenie/ },
  { lang: 'en', query: 'mentor', expected: /mentorship/ },
] as const;

for (const { lang, query, expected } of cases) {
  test(`searching "${query}" in ${lang} finds the page, in ${lang} only`, async ({ page }) => {
    await page.goto(`/${lang}/search/`);
    await page.getByRole('searchbox').fill(query);
    await page.getByRole('searchbox').press('Enter');
    const results = page.locator('#search-results a');
    await expect(results.first()).toBeVisible();
    const hrefs = await results.evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    expect(hrefs.some((href) => expected.test(href))).toBe(true);
    expect(hrefs.every((href) => href.startsWith(`/${lang}/`))).toBe(true);
    await expect(page.getByRole('status')).not.toBeEmpty();
    await expect(page).toHaveURL(new RegExp(`\\?q=`));
  });
}

test('a search with no match says so in the page language', async ({ page }) => {
  await page.goto('/ru/search/?q=zzxxqq');
  await expect(page.getByRole('status')).toContainText('ничего не найдено');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the search page still leads to every guide', async ({ page }) => {
    await page.goto('/en/search/');
    await expect(page.getByRole('heading', { name: 'All pages' })).toBeVisible();
    await expect(page.getByRole('link', { name: /adoption/i }).first()).toBeVisible();
  });

  test('a search from the address keeps its query and says what to do', async ({ page }) => {
    await page.goto('/ru/search/?q=опека');
    await expect(page.getByRole('searchbox')).toHaveValue('опека');
    await expect(page.locator('main')).toContainText('JavaScript');
    await expect(page.getByRole('link', { name: 'Словарь терминов' }).first()).toBeVisible();
  });
});

test('guides come before news for the words of a guide', async ({ page }) => {
  for (const [lang, query, guide] of [
    ['kk', 'асырап', /\/kk\/guides\/asyrap-alu\/$/],
    ['en', 'adoption', /\/en\/guides\/adoption\/$/],
  ] as const) {
    await page.goto(`/${lang}/search/?q=${encodeURIComponent(query)}`);
    const first = page.locator('#search-results a').first();
    await expect(first).toBeVisible();
    expect(await first.getAttribute('href')).toMatch(guide);
  }
});
