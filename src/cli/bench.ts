/**
 * `npm run bench`: the portal's figures, printed; nothing is asserted (timings vary from machine
 * to machine). Two parts, both by default; name one to run only it (`npm run bench -- submissions`):
 *
 * - `lighthouse`: Lighthouse (mobile, Debian's Chromium) on a guide page in each language, against
 *   the built portal served locally: scores, LCP and bytes transferred.
 * - `submissions`: the application submission path with 50 clients at once, on PGlite and on the
 *   PostgreSQL server (`src/cli/bench-submissions.ts`): submissions per second and latencies.
 * - `learning`: the school's learning path with 200 learners at once, on PGlite and on the PostgreSQL
 *   server, beside a bare Node server as the ceiling (`src/cli/bench-learning.ts`).
 * - `flood`: the worst requests of the security review, a form of half a million fields and a
 *   chunked body of 256 MB (`src/cli/bench-flood.ts`): time to the answer and the server's memory.
 * - `desk`: the caseworkers' queue page with 10,000 applications in a district, 10 requests at once,
 *   on PGlite and on the PostgreSQL server (`src/cli/bench-desk.ts`): p50/p95 per address and the
 *   queue's query alone.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumArgs, chromiumPath } from './browser-path.ts';
import { requireBuild, startServer } from './bench-server.ts';
import { benchFlood } from './bench-flood.ts';
import { benchSubmissions } from './bench-submissions.ts';
import { benchLearning } from './bench-learning.ts';
import { benchDesk } from './bench-desk.ts';

const port = Number(process.env['BENCH_PORT'] ?? 4339);
const pages = ['/kk/guides/asyrap-alu/', '/ru/guides/usynovlenie/', '/en/guides/adoption/'];

async function benchLighthouse(): Promise<void> {
  // A development run on this machine, as `npm start` serves it; DATA_DIR=:memory: keeps nothing.
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', DATA_DIR: ':memory:' };
  delete env['SITE_URL'];
  const server = await startServer(port, env);
  const base = server.origin;
  try {
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
    await server.stop();
  }
}

const parts = {
  lighthouse: benchLighthouse,
  submissions: benchSubmissions,
  learning: benchLearning,
  flood: benchFlood,
  desk: benchDesk,
} as const;
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !Object.hasOwn(parts, name));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark ${unknown.join(', ')}: choose from ${Object.keys(parts).join(', ')} (none runs both).`,
  );
  process.exit(1);
}
requireBuild();
for (const name of Object.keys(parts) as (keyof typeof parts)[]) {
  if (asked.length === 0 || asked.includes(name)) await parts[name]();
}
