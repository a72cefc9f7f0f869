/**
 * `npm run content:format`: rewrites every file of `content/` in the canonical form (fields in
 * schema order, strings quoted), the form `content:pull` writes. Changes layout, never data.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { collections, type CollectionName } from '../content/schema.ts';
import { parseContentFile, readContentDir } from '../content/files.ts';
import { serializeDocument } from '../content/serialize.ts';

const contentDir = path.resolve(process.argv[2] ?? 'content');
let changed = 0;
for (const document of await readContentDir(contentDir)) {
  const collection = document.relativePath.split('/')[0] ?? '';
  if (!(collection in collections) || document.error) continue;
  const file = path.join(contentDir, document.relativePath);
  const canonical = serializeDocument(collection as CollectionName, document.data, document.body);
  const reparsed = parseContentFile(document.relativePath, canonical);
  if (
    !isDeepStrictEqual(reparsed.data, document.data) ||
    (reparsed.body ?? '').trim() !== (document.body ?? '').trim()
  ) {
    throw new Error(`Formatting would change the data of ${document.relativePath}; it was left as it is.`);
  }
  if ((await readFile(file, 'utf8')) !== canonical) {
    await writeFile(file, canonical);
    changed += 1;
  }
}
console.log(`content:format: ${changed} file(s) rewritten`);
