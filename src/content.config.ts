/**
 * Astro content collections over `content/`: one collection per document type, each validated by
 * its zod schema from `src/content/schema.ts`. Entry ids are `<lang>/<slug>`.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { collections as model, type CollectionName } from './content/schema.ts';

/** The documents of one collection: `content/<name>/<lang>/<slug>.<ext>`. */
const filesOf = (name: CollectionName) => glob({ pattern: `*/*.${model[name].ext}`, base: `./content/${name}` });

export const collections = {
  guides: defineCollection({ loader: filesOf('guides'), schema: model.guides.schema }),
  pages: defineCollection({ loader: filesOf('pages'), schema: model.pages.schema }),
  news: defineCollection({ loader: filesOf('news'), schema: model.news.schema }),
  figures: defineCollection({ loader: filesOf('figures'), schema: model.figures.schema }),
  districts: defineCollection({ loader: filesOf('districts'), schema: model.districts.schema }),
  regions: defineCollection({ loader: filesOf('regions'), schema: model.regions.schema }),
  settings: defineCollection({ loader: filesOf('settings'), schema: model.settings.schema }),
};
