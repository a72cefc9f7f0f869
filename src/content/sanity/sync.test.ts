import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSanityStandIn, type SanityStandIn } from '../../../tests/support/sanity-stand-in.ts';
import { sanityClientFor } from './client.ts';
import { pull, push } from './sync.ts';

const token = 'test-write-token';
let standIn: SanityStandIn;
let workDir: string;
const lines: string[] = [];
const log = (line: string) => {
  lines.push(line);
};

beforeEach(async () => {
  standIn = await startSanityStandIn({ token });
  workDir = await mkdtemp(path.join(tmpdir(), 'alaqan-sync-'));
  lines.length = 0;
});

afterEach(async () => {
  await standIn.close();
  await rm(workDir, { recursive: true, force: true });
});

function client() {
  return sanityClientFor({ kind: 'sanity', projectId: 'test', dataset: 'production', apiHost: standIn.apiHost }, token);
}

async function filesOf(dir: string): Promise<Map<string, string>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile() && entry.name !== 'README.md');
  return new Map(
    await Promise.all(
      files.map(async (entry) => {
        const full = path.join(entry.parentPath, entry.name);
        return [path.relative(dir, full), await readFile(full, 'utf8')] as const;
      }),
    ),
  );
}

describe('content:push', () => {
  it('writes every document once, under deterministic ids, and a second push changes nothing', async () => {
    const first = await push({ client: client(), contentDir: path.resolve('content'), dryRun: false, log });
    expect(first.create.length).toBeGreaterThan(100);
    expect(standIn.dataset.get('guide.adoption.kk')?.['language']).toBe('kk');
    expect(standIn.dataset.get('guide.adoption.kk')?.['slug']).toEqual({ _type: 'slug', current: 'asyrap-alu' });
    expect(standIn.dataset.get('translation.metadata.guide.adoption')).toBeDefined();
    const writes = standIn.writes;
    const second = await push({ client: client(), contentDir: path.resolve('content'), dryRun: false, log });
    expect(second.create).toEqual([]);
    expect(second.update).toEqual([]);
    expect(standIn.writes).toBe(writes);
  });

  it('with --dry-run prints what would change and writes nothing', async () => {
    const plan = await push({ client: client(), contentDir: path.resolve('content'), dryRun: true, log });
    expect(plan.create.length).toBeGreaterThan(100);
    expect(lines).toContain('would create guide.adoption.en');
    expect(standIn.writes).toBe(0);
    expect(standIn.dataset.size).toBe(0);
  });

  it('updates only the document that changed', async () => {
    await push({ client: client(), contentDir: path.resolve('content'), dryRun: false, log });
    const edited = standIn.dataset.get('page.privacy.ru');
    if (!edited) throw new Error('missing page');
    standIn.dataset.set(edited._id, { ...edited, title: 'Другой заголовок' });
    lines.length = 0;
    const plan = await push({ client: client(), contentDir: path.resolve('content'), dryRun: true, log });
    expect(plan.update.map((document) => document._id)).toEqual(['page.privacy.ru']);
    expect(lines).toContain('would update page.privacy.ru');
  });

  it('refuses to push content that does not pass the checks', async () => {
    await cp(path.resolve('content'), workDir, { recursive: true });
    await rm(path.join(workDir, 'guides/en/adoption.md'));
    await expect(push({ client: client(), contentDir: workDir, dryRun: false, log })).rejects.toThrow(/has no en version/);
    expect(standIn.writes).toBe(0);
  });

  it('is refused by the Content Lake without a token, writing nothing', async () => {
    const anonymous = sanityClientFor({ kind: 'sanity', projectId: 'test', dataset: 'production', apiHost: standIn.apiHost });
    await expect(push({ client: anonymous, contentDir: path.resolve('content'), dryRun: false, log })).rejects.toThrow();
    expect(standIn.dataset.size).toBe(0);
  });
});

describe('content:pull', () => {
  it('after a push, writes content/ back byte for byte', async () => {
    await push({ client: client(), contentDir: path.resolve('content'), dryRun: false, log });
    const result = await pull({ client: client(), contentDir: workDir, prune: false, log });
    const original = await filesOf(path.resolve('content'));
    const pulled = await filesOf(workDir);
    expect([...pulled.keys()].sort()).toEqual([...original.keys()].sort());
    for (const [file, text] of original) expect(pulled.get(file), file).toBe(text);
    expect(result.written.length).toBe(original.size);
  });

  it('into an unchanged content/ writes nothing', async () => {
    await push({ client: client(), contentDir: path.resolve('content'), dryRun: false, log });
    await cp(path.resolve('content'), workDir, { recursive: true });
    const result = await pull({ client: client(), contentDir: workDir, prune: false, log });
    expect(result.written).toEqual([]);
    expect(result.notInDataset).toEqual([]);
  });

  it('writes an edit made in the Studio into its file only', async () => {
    await push({ client: client(), contentDir: path.resolve('content'), dryRun: false, log });
    await cp(path.resolve('content'), workDir, { recursive: true });
    const district = standIn.dataset.get('district.merke.en');
    if (!district) throw new Error('missing district');
    standIn.dataset.set(district._id, { ...district, authority: { name: 'Merke district education department' } });
    const result = await pull({ client: client(), contentDir: workDir, prune: false, log });
    expect(result.written).toEqual(['districts/en/merke.yaml']);
    expect(await readFile(path.join(workDir, 'districts/en/merke.yaml'), 'utf8')).toContain(
      'authority:\n  name: "Merke district education department"\n',
    );
  });

  it('refuses a dataset whose documents break the rules, writing nothing', async () => {
    await push({ client: client(), contentDir: path.resolve('content'), dryRun: false, log });
    standIn.dataset.delete('guide.mentorship.ru');
    await expect(pull({ client: client(), contentDir: workDir, prune: false, log })).rejects.toThrow(/has no ru version/);
    expect((await readdir(workDir)).length).toBe(0);
  });
});
