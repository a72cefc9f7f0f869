/**
 * The same documents make the same site, whether they come from content/ or from the Content
 * Lake (here the stand-in, filled by content:push). Builds the site twice and compares every page.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanityClientFor } from '../../src/content/sanity/client.ts';
import { push } from '../../src/content/sanity/sync.ts';
import { startSanityStandIn, type SanityStandIn } from '../support/sanity-stand-in.ts';

let standIn: SanityStandIn;
let outRoot: string;

function build(outDir: string, env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
      env: {
        ...process.env,
        ASTRO_TELEMETRY_DISABLED: '1',
        ALAQAN_OUT_DIR: outDir,
        SANITY_PROJECT_ID: '',
        SANITY_DATASET: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => {
      resolve({ code, output });
    });
  });
}

async function pagesOf(dir: string): Promise<Map<string, string>> {
  const files = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.html')).sort();
  return new Map(
    await Promise.all(files.map(async (file) => [file, await readFile(path.join(dir, file), 'utf8')] as const)),
  );
}

beforeAll(async () => {
  standIn = await startSanityStandIn({ token: 'write' });
  // Inside the project, so the built server code finds the project's packages.
  await mkdir(path.resolve('node_modules/.cache'), { recursive: true });
  outRoot = await mkdtemp(path.resolve('node_modules/.cache/alaqan-two-sources-'));
  const client = sanityClientFor(
    { kind: 'sanity', projectId: 'alaqan-test', dataset: 'production', apiHost: standIn.apiHost },
    'write',
  );
  await push({ client, contentDir: path.resolve('content'), dryRun: false, log: () => undefined });
});

afterAll(async () => {
  await standIn.close();
  await rm(outRoot, { recursive: true, force: true });
});

describe('the site built from Sanity', () => {
  it('equals the site built from content/: same pages, same text', { timeout: 120_000 }, async () => {
    const local = await build(path.join(outRoot, 'local'));
    expect(local.code, local.output).toBe(0);
    const fromSanity = await build(path.join(outRoot, 'sanity'), {
      SANITY_PROJECT_ID: 'alaqan-test',
      SANITY_DATASET: 'production',
      SANITY_API_HOST: standIn.apiHost,
    });
    expect(fromSanity.code, fromSanity.output).toBe(0);
    expect(fromSanity.output).toContain('from Sanity project alaqan-test, dataset production');
    expect(standIn.requests.some((request) => request.path.endsWith('/data/query/production'))).toBe(true);
    const localPages = await pagesOf(path.join(outRoot, 'local/client'));
    const sanityPages = await pagesOf(path.join(outRoot, 'sanity/client'));
    expect(localPages.size).toBeGreaterThan(70);
    expect([...sanityPages.keys()]).toEqual([...localPages.keys()]);
    for (const [file, html] of localPages) expect(sanityPages.get(file), file).toBe(html);
  });

  it('stops, naming the setting, when the Sanity configuration is half there', { timeout: 60_000 }, async () => {
    const result = await build(path.join(outRoot, 'half'), { SANITY_PROJECT_ID: 'alaqan-test' });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('SANITY_PROJECT_ID is set but SANITY_DATASET is not');
  });

  it('stops when the Content Lake cannot be read, without falling back to content/', { timeout: 60_000 }, async () => {
    const result = await build(path.join(outRoot, 'down'), {
      SANITY_PROJECT_ID: 'alaqan-test',
      SANITY_DATASET: 'production',
      SANITY_API_HOST: 'http://127.0.0.1:9',
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('Could not read the Content Lake');
  });
});
