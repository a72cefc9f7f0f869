/**
 * The privacy notice names every cookie the portal sets, in every language. The cookies are found
 * in the code itself (every `cookies.set(…)` and `Set-Cookie` header), so a cookie added without
 * a line in the notice (and here) fails this test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deskCookies, signInCookies } from '../../src/features/auth/web.ts';
import { languageCookie } from '../../src/i18n/negotiate.ts';
import { locales } from '../../src/i18n/locales.ts';

/** The cookies the portal sets, by the name the code gives the value it sets. */
const known: Record<string, string> = { ...signInCookies, ...deskCookies, languageCookie };

/** Where the code sets a cookie: the first argument of `cookies.set(`, or the name of a Set-Cookie header's first interpolation. */
function cookieSetters(): { file: string; name: string }[] {
  const root = path.resolve('src');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
    (file) => /\.(ts|astro|js)$/.test(file) && !file.endsWith('.test.ts'),
  );
  const found: { file: string; name: string }[] = [];
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const match of text.matchAll(/cookies\.set\(\s*([^,\s]+)/g)) found.push({ file, name: match[1] ?? '' });
    for (const match of text.matchAll(/'Set-Cookie',\s*`\$\{(\w+)\}/g)) found.push({ file, name: match[1] ?? '' });
    for (const match of text.matchAll(/document\.cookie\s*=/g)) found.push({ file, name: match[0] });
  }
  return found;
}

function privacyNotice(lang: string): string {
  const dir = path.resolve('content/pages', lang);
  const file = readdirSync(dir).find((name) =>
    /^translationKey: "?privacy"?$/m.test(readFileSync(path.join(dir, name), 'utf8')),
  );
  if (!file) throw new Error(`no privacy notice in content/pages/${lang}`);
  return readFileSync(path.join(dir, file), 'utf8');
}

describe('the cookies of the privacy notice', () => {
  it('are every cookie the code sets, and the code sets no other', () => {
    const setters = cookieSetters();
    expect(setters.length).toBeGreaterThanOrEqual(4);
    for (const setter of setters) {
      expect(
        Object.keys(known),
        `${setter.file} sets the cookie ${setter.name}: name it in the privacy notice and here`,
      ).toContain(setter.name);
    }
  });

  it.each(locales)('are each named in the %s notice', (lang) => {
    const notice = privacyNotice(lang);
    for (const name of Object.values(known))
      expect(notice, `content/pages/${lang}: the cookie ${name}`).toContain(name);
  });
});
