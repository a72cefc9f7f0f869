/**
 * Where each document lives on the site. Pure: the pages, the language switcher, hreflang, the
 * content checks and the tests all ask this module, so an address is decided in one place.
 */
import type { Locale } from '../i18n/locales.ts';

export type RoutedCollection = 'guides' | 'pages' | 'news';

/** The address of a document's page, with a trailing slash. */
export function documentPath(
  collection: RoutedCollection,
  lang: Locale,
  slug: string,
  translationKey: string,
): string {
  switch (collection) {
    case 'guides':
      return `/${lang}/guides/${slug}/`;
    case 'news':
      return `/${lang}/news/${slug}/`;
    case 'pages':
      return translationKey === 'home' ? `/${lang}/` : `/${lang}/${slug}/`;
  }
}

/** The printable documents checklist of a guide. */
export function checklistPath(guidePath: string): string {
  return `${guidePath}checklist/`;
}

/** Pages that are made by the site rather than by a content document. */
export const sitePaths = {
  guides: (lang: Locale) => `/${lang}/guides/`,
  news: (lang: Locale) => `/${lang}/news/`,
  search: (lang: Locale) => `/${lang}/search/`,
  /** The school's online course (signed in) and the public verification of its certificates. */
  course: (lang: Locale) => `/${lang}/course/`,
  verify: (lang: Locale) => `/${lang}/verify/`,
} as const;
