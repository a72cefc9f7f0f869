/**
 * The Astro content loader for every collection: reads all documents from the configured source
 * once, checks them (stopping the build with every problem listed), and stores the documents of
 * one collection with their Markdown rendered.
 */
import type { Loader } from 'astro/loaders';
import { checkContent, formatProblems, type RawDocument } from './check.ts';
import type { CollectionName } from './schema.ts';
import { loadRawDocuments } from './sources.ts';
import { readContentSourceConfig } from './source-config.ts';

let checked: Promise<{ raw: RawDocument[]; documents: ReturnType<typeof checkContent>['documents'] }> | undefined;

/** All documents of the source, checked; read once per build. */
async function checkedDocuments() {
  const raw = await loadRawDocuments(readContentSourceConfig(process.env));
  const { problems, documents } = checkContent(raw);
  if (problems.length > 0) {
    throw new Error(`The content has ${problems.length} problem(s); correct them and build again:\n${formatProblems(problems)}`);
  }
  return { raw, documents };
}

export function contentLoader(collection: CollectionName): Loader {
  return {
    name: `alaqan-content-${collection}`,
    load: async (context) => {
      const { store } = context;
      checked ??= checkedDocuments();
      const { raw, documents } = await checked;
      const rawByPath = new Map(raw.map((document) => [document.relativePath, document]));
      store.clear();
      for (const document of documents.filter((candidate) => candidate.collection === collection)) {
        const id = `${document.lang}/${document.slug}`;
        const source = rawByPath.get(document.relativePath);
        const data = await context.parseData({ id, data: source?.data as Record<string, unknown> });
        const body = document.body?.trim();
        store.set({
          id,
          data,
          digest: context.generateDigest(JSON.stringify([source?.data, body ?? null])),
          ...(body !== undefined ? { body, rendered: await context.renderMarkdown(body) } : {}),
        });
      }
    },
  };
}
