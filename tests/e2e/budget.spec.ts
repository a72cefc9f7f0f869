/**
 * Byte budgets on the built output, for a reader on a cheap phone and a slow connection: a
 * guidance page ships no script at all, and its HTML plus CSS, compressed, stays within 30 KB.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { builtPages, clientDir, htmlFileOf, isGuidancePage } from './built-site.ts';

const budgetBytes = 30 * 1024;
const guidancePages = builtPages().filter(isGuidancePage);

test('the build has the pages to check', () => {
  expect(guidancePages.length).toBeGreaterThan(60);
});

for (const pagePath of guidancePages) {
  test(`${pagePath} ships no script and stays within 30 KB`, () => {
    const html = readFileSync(htmlFileOf(pagePath), 'utf8');
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    const stylesheets = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(stylesheets.length).toBeGreaterThan(0);
    const css = stylesheets.map((href) => readFileSync(path.join(clientDir, href)));
    const compressed = [Buffer.from(html), ...css].reduce(
      (total, bytes) => total + gzipSync(bytes, { level: 9 }).length,
      0,
    );
    expect(compressed, `${pagePath}: ${compressed} bytes compressed`).toBeLessThanOrEqual(budgetBytes);
  });
}
