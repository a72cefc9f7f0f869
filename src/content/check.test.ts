import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkContent, formatProblems, type RawDocument } from './check.ts';
import { parseContentFile, readContentDir } from './files.ts';

let published: RawDocument[];

beforeAll(async () => {
  published = await readContentDir(path.resolve('content'));
});

/** The published content with one document replaced by `change(document)`. */
function withChange(relativePath: string, change: (document: RawDocument) => RawDocument | undefined): RawDocument[] {
  expect(published.some((document) => document.relativePath === relativePath)).toBe(true);
  return published.flatMap((document) => {
    if (document.relativePath !== relativePath) return [document];
    const changed = change(structuredClone(document));
    return changed ? [changed] : [];
  });
}

function data(document: RawDocument): Record<string, unknown> {
  return document.data as Record<string, unknown>;
}

describe('the published content', () => {
  it('keeps every rule', () => {
    const { problems, documents } = checkContent(published);
    expect(formatProblems(problems)).toBe('');
    expect(documents.length).toBeGreaterThan(90);
  });

  it('has every guide, page and news item in kk, ru and en', () => {
    const { documents } = checkContent(published);
    for (const collection of ['guides', 'pages', 'news', 'figures', 'districts'] as const) {
      const inCollection = documents.filter((document) => document.collection === collection);
      const keys = new Set(inCollection.map((document) => document.translationKey));
      expect(inCollection.length, collection).toBe(keys.size * 3);
    }
  });
});

describe('a broken document is reported with its file and field', () => {
  it('names a missing required field', () => {
    const { problems } = checkContent(
      withChange('guides/en/adoption.md', (document) => {
        delete data(document)['steps'];
        return document;
      }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ file: 'guides/en/adoption.md', field: 'steps' }));
    expect(formatProblems(problems)).toContain('content/guides/en/adoption.md → steps:');
  });

  it('names a nested field of the wrong type', () => {
    const { problems } = checkContent(
      withChange('guides/ru/usynovlenie.md', (document) => {
        (data(document)['steps'] as { title: unknown }[])[1] = { title: 42, text: 'x' } as never;
        return document;
      }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ file: 'guides/ru/usynovlenie.md', field: 'steps[1].title' }));
  });

  it('rejects a field the model does not have', () => {
    const { problems } = checkContent(
      withChange('pages/kk/home.md', (document) => {
        data(document)['colour'] = 'green';
        return document;
      }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ file: 'pages/kk/home.md' }));
    expect(formatProblems(problems)).toMatch(/colour/);
  });

  it('asks for a translation that is missing', () => {
    const { problems } = checkContent(withChange('news/en/meyirim-social-support-project.md', () => undefined));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain('has no en version');
  });

  it('requires every form of placement', () => {
    const raw = published.filter((document) => !document.relativePath.match(/^guides\/.+\/(talimgerlik|nastavnichestvo|mentorship)\.md$/));
    expect(formatProblems(checkContent(raw).problems)).toContain('translationKey "mentorship"');
  });

  it('refuses figures that differ between translations', () => {
    const { problems } = checkContent(
      withChange('figures/ru/zhambyl-category.yaml', (document) => {
        const [first] = data(document)['values'] as { value: number }[];
        if (first) first.value += 1;
        return document;
      }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ file: 'figures/ru/zhambyl-category.yaml', field: 'values' }));
  });

  it('refuses a link to a page that does not exist, or to another language', () => {
    const broken = checkContent(
      withChange('pages/en/home.md', (document) => ({ ...document, body: `${document.body ?? ''}\n[Lost](/en/guides/nowhere/)` })),
    );
    expect(formatProblems(broken.problems)).toContain('the link to /en/guides/nowhere/ leads to no page');
    const crossed = checkContent(
      withChange('pages/en/home.md', (document) => ({ ...document, body: `${document.body ?? ''}\n[Kazakh](/kk/guides/asyrap-alu/)` })),
    );
    expect(formatProblems(crossed.problems)).toContain("leaves the page's language");
  });

  it('refuses a file in the wrong place or language', () => {
    const misplaced = [...published, { relativePath: 'guides/de/adoption.md', data: {}, body: 'x' }];
    expect(formatProblems(checkContent(misplaced).problems)).toContain('"de" is not a language of the site');
    const badSlug = [...published, { relativePath: 'guides/en/Adoption Guide.md', data: {}, body: 'x' }];
    expect(formatProblems(checkContent(badSlug).problems)).toContain('lower-case Latin letters');
  });

  it('reports a file whose front matter cannot be read', () => {
    const parsed = parseContentFile('guides/en/adoption.md', '---\ntitle: "unclosed\n---\nbody');
    const { problems } = checkContent(withChange('guides/en/adoption.md', (document) => ({ ...document, ...parsed })));
    expect(formatProblems(problems)).toContain('content/guides/en/adoption.md: the YAML cannot be read');
    const noFrontMatter = parseContentFile('pages/en/home.md', 'Just text');
    expect(noFrontMatter.error).toContain('front matter');
  });

  it('refuses a description too short for search results', () => {
    const { problems } = checkContent(
      withChange('pages/ru/statistika.md', (document) => {
        data(document)['description'] = 'Коротко';
        return document;
      }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ file: 'pages/ru/statistika.md', field: 'description' }));
  });

  it('refuses a source without its outlet, so an editor can find it', () => {
    const { problems } = checkContent(
      withChange('guides/kk/asyrap-alu.md', (document) => {
        delete (data(document)['sources'] as Record<string, unknown>[])[0]?.['publisher'];
        return document;
      }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ file: 'guides/kk/asyrap-alu.md', field: 'sources[0].publisher' }));
  });

  it('names the field of a text that breaks the house style, and the Markdown body too', () => {
    const { problems } = checkContent(
      withChange('guides/ru/usynovlenie.md', (document) => {
        const [firstAnswer] = data(document)['faq'] as { answer: string }[];
        if (firstAnswer) firstAnswer.answer += ' Размер в наших источниках не указан.';
        return { ...document, body: `${document.body ?? ''}\n\nЕсли вы готовы, приходите.` };
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'guides/ru/usynovlenie.md', field: 'faq[0].answer', message: expect.stringContaining('where to ask') as unknown }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ file: 'guides/ru/usynovlenie.md', field: 'body', message: expect.stringContaining('«Вы»') as unknown }),
    );
  });
});
