/**
 * Journeys of a reader: from the home page every page of the site can be reached by links, and
 * a guide leads to its printable checklist and to where to apply.
 */
import { expect, test } from '@playwright/test';
import { builtPages } from './built-site.ts';

test('every page is reached by following links from the home pages', async ({ request }) => {
  const seen = new Set<string>();
  const queue = ['/kk/', '/ru/', '/en/'];
  while (queue.length > 0) {
    const next = queue.shift() ?? '';
    if (seen.has(next)) continue;
    seen.add(next);
    const response = await request.get(next);
    expect(response.status(), `${next} answers`).toBe(200);
    for (const match of (await response.text()).matchAll(/href="(\/(?:kk|ru|en)\/[^"#?]*)"/g)) {
      const target = match[1] ?? '';
      if (!seen.has(target)) queue.push(target);
    }
  }
  const unreachable = builtPages().filter((pagePath) => !seen.has(pagePath));
  expect(unreachable).toEqual([]);
});

test('a reader finds the adoption guide, its documents checklist and where to apply', async ({ page }) => {
  await page.goto('/en/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page
    .getByRole('main')
    .getByRole('link', { name: /adoption/i })
    .first()
    .click();
  await expect(page).toHaveURL(/\/en\/guides\/adoption\/$/);
  for (const section of [
    'Who can',
    'Steps',
    'Documents',
    'Questions and answers',
    'Legal basis',
    'Whom to contact',
    'Sources',
  ]) {
    await expect(page.getByRole('heading', { name: section, level: 2 })).toBeVisible();
  }
  await page.getByRole('link', { name: 'Open the documents checklist to print' }).click();
  await expect(page).toHaveURL(/\/en\/guides\/adoption\/checklist\/$/);
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: /identity document/i })
      .first(),
  ).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('link', { name: 'Where to apply' }).first().click();
  await expect(page.getByRole('heading', { name: 'City of Taraz' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'T. Ryskulov district' })).toBeVisible();
});

test('the figures are pictures with a text alternative, a table and a source', async ({ page }) => {
  await page.goto('/kk/statistika/');
  const charts = page.getByRole('img');
  expect(await charts.count()).toBeGreaterThanOrEqual(6);
  await expect(charts.first()).toHaveAccessibleName(/.+/);
  expect(await page.getByRole('table').count()).toBe(await charts.count());
  await expect(
    page
      .getByRole('cell', { name: '1 002' })
      .or(page.getByRole('cell', { name: '1 002' }))
      .first(),
  ).toBeVisible();
  expect(await page.locator('figure').filter({ hasText: 'Дереккөз' }).count()).toBe(await charts.count());
});

test.describe('on a phone, without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });

  test('the first screen shows the heading and the first words; the menu unfolds without a script', async ({
    page,
  }) => {
    for (const path of ['/kk/', '/kk/guides/asyrap-alu/', '/ru/statistika/']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 }), path).toBeInViewport();
      await expect(page.locator('main p').first(), path).toBeInViewport();
    }
    const apply = page.getByRole('link', { name: 'Подать заявление' });
    await expect(apply.filter({ visible: true })).toHaveCount(0);
    await page.getByText('Меню', { exact: true }).click();
    await apply.filter({ visible: true }).click();
    await expect(page).toHaveURL(/\/ru\/apply\/$/);
  });
});
