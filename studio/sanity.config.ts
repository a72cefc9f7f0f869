import { documentInternationalization } from '@sanity/document-internationalization';
import { visionTool } from '@sanity/vision';
import { defineConfig } from 'sanity';
import { structureTool } from 'sanity/structure';
import { collectionOf, type SanityDocumentType } from '../src/content/sanity/mapping.ts';
import { documentPath } from '../src/content/routes.ts';
import { isLocale, localeInfo, locales } from '../src/i18n/locales.ts';
import { dataset, projectId, siteUrl } from './env.ts';
import { apiVersion } from './schemaTypes/fields.ts';
import { schemaTypes, singletons } from './schemaTypes/index.ts';
import { structure } from './structure.ts';

const translatedTypes = [
  'guide',
  'page',
  'newsItem',
  'figureSet',
  'district',
  'region',
  'course',
  'courseModule',
  'lesson',
  'siteSettings',
];
const singletonTypes = new Set<string>(singletons.map((type) => type.name));

export default defineConfig({
  name: 'alaqan',
  title: 'Alaqan',
  projectId,
  dataset,
  plugins: [
    structureTool({ structure }),
    documentInternationalization({
      supportedLanguages: locales.map((id) => ({ id, title: localeInfo[id].label })),
      schemaTypes: translatedTypes,
      languageField: 'language',
    }),
    visionTool({ defaultApiVersion: apiVersion }),
  ],
  schema: {
    types: schemaTypes,
    // Settings exist once per language, with fixed ids: no "create new" for them.
    templates: (templates) => templates.filter(({ schemaType }) => !singletonTypes.has(schemaType)),
  },
  document: {
    actions: (actions, { schemaType }) =>
      singletonTypes.has(schemaType)
        ? actions.filter(({ action }) => action !== 'duplicate' && action !== 'delete')
        : actions,
    /** "Open preview" leads to the document's page on the site. */
    productionUrl: (previous, { document }) => {
      const type = document._type as SanityDocumentType;
      const collection = collectionOf[type];
      const language = document['language'];
      const slug = (document['slug'] as { current?: string } | undefined)?.current;
      const key = document['translationKey'];
      if (
        (collection === 'guides' || collection === 'pages' || collection === 'news') &&
        isLocale(language) &&
        slug &&
        typeof key === 'string'
      ) {
        return Promise.resolve(new URL(documentPath(collection, language, slug, key), siteUrl).href);
      }
      return Promise.resolve(previous);
    },
  },
});
