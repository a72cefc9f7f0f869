/** What the build produced: the pages of the site, read from `dist/client`. */
import { readdirSync } from 'node:fs';
import path from 'node:path';

export const clientDir = path.resolve('dist/client');

/** Every page address of the built site (not the 404 pages), sorted. */
export function builtPages(): string[] {
  return readdirSync(clientDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('index.html') && /^(kk|ru|en)\//.test(file) && !file.includes('404'))
    .map(
      (file) =>
        `/${file
          .split(path.sep)
          .join('/')
          .replace(/index\.html$/, '')}`,
    )
    .sort();
}

/** The search page is the only page allowed a script; every other page is guidance. */
export function isGuidancePage(pagePath: string): boolean {
  return !/^\/(kk|ru|en)\/search\/$/.test(pagePath);
}

export function htmlFileOf(pagePath: string): string {
  return path.join(clientDir, pagePath, 'index.html');
}
