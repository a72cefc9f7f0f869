/**
 * Reads `content/` from disk into plain records for `check.ts`. The only part of the content
 * checks that touches the file system.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { RawDocument } from './check.ts';

const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** Splits a Markdown file into its front matter data and body; YAML files are all data. */
export function parseContentFile(
  relativePath: string,
  text: string,
): { data: unknown; body: string | undefined; error?: string } {
  try {
    if (relativePath.endsWith('.md')) {
      const match = frontMatter.exec(text);
      if (!match) return { data: undefined, body: undefined, error: 'the file must start with front matter between two "---" lines' };
      return { data: parseYaml(match[1] ?? ''), body: match[2] ?? '' };
    }
    return { data: parseYaml(text), body: undefined };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { data: undefined, body: undefined, error: `the YAML cannot be read: ${reason}` };
  }
}

/** Every file below `contentDir` except READMEs, as raw documents with paths relative to it. */
export async function readContentDir(contentDir: string): Promise<RawDocument[]> {
  const entries = await readdir(contentDir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && entry.name !== 'README.md')
    .map((entry) => path.relative(contentDir, path.join(entry.parentPath, entry.name)))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(path.join(contentDir, file), 'utf8');
      const relativePath = file.split(path.sep).join('/');
      return { relativePath, ...parseContentFile(relativePath, text) };
    }),
  );
}
