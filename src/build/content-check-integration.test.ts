import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import { afterEach, describe, expect, it } from 'vitest';
import { contentCheck } from './content-check-integration.ts';

let root: string | undefined;
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** Runs the integration's setup hook as `astro build` does, on a copy of `content/`. */
async function runSetup(breakIt?: (contentDir: string) => Promise<void>) {
  root = await mkdtemp(path.join(tmpdir(), 'alaqan-content-'));
  await cp(path.resolve('content'), path.join(root, 'content'), { recursive: true });
  await breakIt?.(path.join(root, 'content'));
  const messages: string[] = [];
  const hook = contentCheck().hooks['astro:config:setup'] as NonNullable<
    AstroIntegration['hooks']['astro:config:setup']
  >;
  const options = {
    config: { root: pathToFileURL(`${root}/`) },
    logger: { info: (message: string) => messages.push(message) },
  } as unknown as Parameters<typeof hook>[0];
  await hook(options);
  return messages;
}

describe('the build', () => {
  it('goes on when the content is valid', async () => {
    const messages = await runSetup();
    expect(messages.join('\n')).toMatch(/\d+ content documents checked/);
  });

  it('stops with the file and field named when a document is invalid', async () => {
    const failure = runSetup(async (contentDir) => {
      await writeFile(
        path.join(contentDir, 'districts/en/taraz.yaml'),
        'translationKey: "taraz"\nregion: "zhambyl"\nname: "City of Taraz"\nkind: "village"\norder: 1\n',
      );
    });
    await expect(failure).rejects.toThrow(/content\/districts\/en\/taraz\.yaml → kind:/);
  });
});
