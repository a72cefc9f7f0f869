import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContentDir, parseContentFile } from './files.ts';
import type { CollectionName } from './schema.ts';
import { serializeDocument } from './serialize.ts';

describe('the canonical form of content files', () => {
  it('is the form every file in content/ is in (run `npm run content:format` if not)', async () => {
    const documents = await readContentDir(path.resolve('content'));
    const different: string[] = [];
    for (const document of documents) {
      const collection = document.relativePath.split('/')[0] as CollectionName;
      const text = await readFile(path.resolve('content', document.relativePath), 'utf8');
      if (serializeDocument(collection, document.data, document.body) !== text) different.push(document.relativePath);
    }
    expect(different).toEqual([]);
  });

  it('puts fields in schema order, whatever order they came in', () => {
    const shuffled = { region: 'zhambyl', order: 2, kind: 'district', name: 'Bayzak district', translationKey: 'bayzak' };
    expect(serializeDocument('districts', shuffled, undefined)).toBe(
      'translationKey: "bayzak"\nregion: "zhambyl"\nname: "Bayzak district"\nkind: "district"\norder: 2\n',
    );
  });

  it('reads back exactly what it wrote, quotes, colons and all', () => {
    const data = {
      translationKey: 'x',
      title: 'A title: with "quotes" and # hash',
      description: 'Line one.\nLine two, with «ёлочки» and — dashes.',
      date: '2020',
      sources: [{ title: "It's: tricky", url: 'https://example.org/a?b=c' }],
    };
    const text = serializeDocument('news', data, '\n\n## Heading\n\nText.  \n\n');
    expect(text.endsWith('---\n\n## Heading\n\nText.\n')).toBe(true);
    const parsed = parseContentFile('news/en/x.md', text);
    expect(parsed.data).toEqual(data);
    expect(parsed.body).toBe('\n## Heading\n\nText.\n');
  });
});
