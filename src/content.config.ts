/**
 * Astro content collections over `content/`: one collection per document type, each validated by
 * its zod schema from `src/content/schema.ts`. Entry ids are `<lang>/<slug>`.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { collections as model } from './content/schema.ts';

const contentRoot = './content';

function fromFolder<Name extends keyof typeof model>(name: Name) {
  const { ext, schema } = model[name];
  return defineCollection({
    loader: glob({ pattern: `*/*.${ext}`, base: `${contentRoot}/${name}` }),
    schema,
  });
}

export const collections = {
  guides: fromFolder('guides'),
  pages: fromFolder('pages'),
  news: fromFolder('news'),
  figures: fromFolder('figures'),
  districts: fromFolder('districts'),
  regions: fromFolder('regions'),
  settings: fromFolder('settings'),
};
