/**
 * `npm run bench`: Lighthouse (mobile, Debian's Chromium) on a guide page in each language, against
 * the built portal served locally. Prints scores, LCP and bytes transferred. A benchmark prints
 * figures; it asserts nothing (timings vary from machine to machine).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumArgs, chromiumPath } from './browser-path.ts';

const port = Number(process.env['BENCH_PORT'] ?? 4339);
const base = `http://127.0.0.1:${port}`;
const pages = ['/kk/guides/asyrap-alu/', '/ru/guides/usynovlenie/', '/en/guides/adoption/'];

if (!existsSync('dist/server/entry.mjs')) {
  console.error('Build the portal first: npm run build');
  process.exit(1);
}

const server = spawn(process.execPath, ['src/cli/serve.ts'], {
  env: { ...process.env, PORT: String(port) },
  stdio: 'ignore',
});
try {
  for (let attempt = 0; ; attempt += 1) {
    try {
      if ((await fetch(`${base}/kk/`)).ok) break;
    } catch {
      if (attempt > 50) throw new Error('the server did not start');
    }
    await sleep(100);
  }
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath(),
    chromeFlags: chromiumArgs,
  });
  try {
    // The first audit of a fresh browser pays for its start-up; run one and discard it.
    await lighthouse(`${base}${pages[0] ?? '/kk/'}`, {
      port: chrome.port,
      logLevel: 'error',
      onlyCategories: ['performance'],
    });
    console.log(
      'page\tperformance\taccessibility\tbest-practices\tSEO\tLCP (ms)\tFCP (ms)\tTBT (ms)\tCLS\ttransferred (bytes)\trequests',
    );
    for (const pagePath of pages) {
      const result = await lighthouse(`${base}${pagePath}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
        formFactor: 'mobile',
        screenEmulation: { mobile: true, width: 412, height: 823, deviceScaleFactor: 1.75, disabled: false },
        throttlingMethod: 'simulate',
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${pagePath}`);
      const { categories, audits } = result.lhr;
      const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
      const numeric = (id: string) => audits[id]?.numericValue ?? Number.NaN;
      const requests = (audits['network-requests']?.details as { items?: unknown[] } | undefined)?.items?.length ?? 0;
      console.log(
        [
          pagePath,
          score('performance'),
          score('accessibility'),
          score('best-practices'),
          score('seo'),
          Math.round(numeric('largest-contentful-paint')),
          Math.round(numeric('first-contentful-paint')),
          Math.round(numeric('total-blocking-time')),
          numeric('cumulative-layout-shift').toFixed(3),
          Math.round(numeric('total-byte-weight')),
          requests,
        ].join('\t'),
      );
    }
  } finally {
    chrome.kill();
  }
} finally {
  server.kill();
}
