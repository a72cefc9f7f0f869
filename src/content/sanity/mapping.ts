/**
 * How the content collections map to Sanity document types, and the deterministic id of each
 * document in a dataset. Shared by the site's Sanity source, `content:push`/`content:pull`, the
 * Studio's preview links and the tests.
 */
import type { Locale } from '../../i18n/locales.ts';
import type { CollectionName } from '../schema.ts';

export const sanityTypeOf = {
  guides: 'guide',
  pages: 'page',
  news: 'newsItem',
  figures: 'figureSet',
  districts: 'district',
  regions: 'region',
  settings: 'siteSettings',
  courses: 'course',
  modules: 'courseModule',
  lessons: 'lesson',
} as const satisfies Record<CollectionName, string>;

export type SanityDocumentType = (typeof sanityTypeOf)[CollectionName];

export const collectionOf = Object.fromEntries(
  Object.entries(sanityTypeOf).map(([collection, type]) => [type, collection]),
) as Record<SanityDocumentType, CollectionName>;

export const sanityTypes = Object.values(sanityTypeOf);

/** `guide.adoption.kk`: the same document always gets the same id, so pushing twice changes nothing. */
export function documentId(collection: CollectionName, translationKey: string, lang: Locale): string {
  return `${sanityTypeOf[collection]}.${translationKey}.${lang}`;
}

/** Fields Sanity adds to every document, which the content files do not carry. */
export const systemFields = ['_id', '_type', '_rev', '_createdAt', '_updatedAt', '_originalId', '_system'] as const;
