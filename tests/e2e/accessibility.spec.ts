/**
 * WCAG 2.2 AA: axe finds nothing on any page in any language; the page reflows at 320 px; the
 * skip link is the first thing a keyboard reaches and moves focus to the content.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { builtPages } from './built-site.ts';

const pages = [
  ...builtPages(),
  '/kk/no-such-page/',
  '/ru/no-such-page/',
  '/en/no-such-page/',
  // Made on request (they keep the query without JavaScript), so not among the built files.
  '/kk/search/',
  '/ru/search/?q=опека',
  '/en/search/',
  // The account links a static page's header shows in a frame, as a page of their own.
  '/kk/account/header/',
  '/en/account/header/',
];

for (const pagePath of pages) {
  test(`axe finds nothing on ${pagePath}, and it reflows at 320 px`, async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(pagePath);
    // Legacy mode runs axe in the page and its frames in place; the default finishes in a blank
    // page it opens, which doubles the time of every page with a frame (each static page's header).
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .setLegacyMode()
      .analyze();
    expect(
      results.violations.map(
        (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, 'no horizontal scrolling at 320 px').toBeLessThanOrEqual(0);
  });
}

test('the skip link comes first and takes the keyboard to the content', async ({ page }) => {
  await page.goto('/en/guides/adoption/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('keyboard focus is visible on links', async ({ page }) => {
  await page.goto('/ru/');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  const style = await focused.evaluate((element) => {
    const computed = getComputedStyle(element);
    return { background: computed.backgroundColor, shadow: computed.boxShadow, outline: computed.outlineStyle };
  });
  expect(style.shadow !== 'none' || style.outline !== 'none').toBe(true);
});
