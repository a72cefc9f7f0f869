/**
 * Astro content collections: one collection per document type, each validated by its zod schema
 * from `src/content/schema.ts`, all read from the configured source (`content/` or Sanity) by
 * `src/content/loader.ts`. Entry ids are `<lang>/<slug>`.
 */
import { defineCollection } from 'astro:content';
import { contentLoader } from './content/loader.ts';
import { collections as model } from './content/schema.ts';

export const collections = {
  guides: defineCollection({ loader: contentLoader('guides'), schema: model.guides.schema }),
  pages: defineCollection({ loader: contentLoader('pages'), schema: model.pages.schema }),
  news: defineCollection({ loader: contentLoader('news'), schema: model.news.schema }),
  figures: defineCollection({ loader: contentLoader('figures'), schema: model.figures.schema }),
  districts: defineCollection({ loader: contentLoader('districts'), schema: model.districts.schema }),
  regions: defineCollection({ loader: contentLoader('regions'), schema: model.regions.schema }),
  settings: defineCollection({ loader: contentLoader('settings'), schema: model.settings.schema }),
  courses: defineCollection({ loader: contentLoader('courses'), schema: model.courses.schema }),
  modules: defineCollection({ loader: contentLoader('modules'), schema: model.modules.schema }),
  lessons: defineCollection({ loader: contentLoader('lessons'), schema: model.lessons.schema }),
};
