/**
 * The site's view of the content collections: documents by language, the address of each, and
 * the addresses of its translations for the language switcher and hreflang.
 */
import { getCollection, type CollectionEntry, type CollectionKey } from 'astro:content';
import { locales, type Locale } from '../i18n/locales.ts';
import { documentPath, type RoutedCollection } from '../content/routes.ts';
import { requiredPages } from '../content/check.ts';

export type Alternates = Record<Locale, string>;

/** Splits an entry id (`<lang>/<slug>`) into its language and slug. */
export function entryPlace(id: string): { lang: Locale; slug: string } {
  const [lang, slug] = id.split('/') as [Locale, string];
  return { lang, slug };
}

/** The documents of a collection in one language. */
export async function entriesIn<C extends CollectionKey>(collection: C, lang: Locale): Promise<CollectionEntry<C>[]> {
  return getCollection(collection, (entry) => entryPlace(entry.id).lang === lang);
}

/** The address of a guide, page or news item. */
export function pathOf(collection: RoutedCollection, entry: { id: string; data: { translationKey: string } }): string {
  const { lang, slug } = entryPlace(entry.id);
  return documentPath(collection, lang, slug, entry.data.translationKey);
}

/** The addresses of one document in every language. The content check guarantees all exist. */
export async function alternatesOf(collection: RoutedCollection, translationKey: string): Promise<Alternates> {
  const entries = await getCollection(collection, (entry) => entry.data.translationKey === translationKey);
  const alternates = Object.fromEntries(entries.map((entry) => [entryPlace(entry.id).lang, pathOf(collection, entry)]));
  for (const lang of locales) {
    if (!alternates[lang]) throw new Error(`${collection}/${translationKey} has no ${lang} version`);
  }
  return alternates as Alternates;
}

/** The same site-made page in every language. */
export function alternatesFor(make: (lang: Locale) => string): Alternates {
  return Object.fromEntries(locales.map((lang) => [lang, make(lang)])) as Alternates;
}

export type RequiredPages = Record<(typeof requiredPages)[number], CollectionEntry<'pages'>>;

/** The pages the navigation and footer link to, in one language. */
export async function requiredPagesIn(lang: Locale): Promise<RequiredPages> {
  const pages = await entriesIn('pages', lang);
  const found = Object.fromEntries(
    requiredPages.map((key) => {
      const page = pages.find((entry) => entry.data.translationKey === key);
      if (!page) throw new Error(`pages/${key} has no ${lang} version`);
      return [key, page];
    }),
  );
  return found as RequiredPages;
}

/** A page by its translationKey in one language. */
export async function pageByKey(lang: Locale, translationKey: string): Promise<CollectionEntry<'pages'>> {
  const page = (await entriesIn('pages', lang)).find((entry) => entry.data.translationKey === translationKey);
  if (!page) throw new Error(`pages/${translationKey} has no ${lang} version`);
  return page;
}

export async function settingsFor(lang: Locale) {
  const [settings] = await entriesIn('settings', lang);
  if (!settings) throw new Error(`settings has no ${lang} version`);
  const region = (await entriesIn('regions', lang)).find((entry) => entry.data.translationKey === settings.data.region);
  if (!region) throw new Error(`region ${settings.data.region} has no ${lang} version`);
  return { ...settings.data, regionName: region.data.name, department: region.data.department };
}

/** Guides in their editorial order. */
export async function guidesIn(lang: Locale): Promise<CollectionEntry<'guides'>[]> {
  return (await entriesIn('guides', lang)).sort((a, b) => a.data.order - b.data.order);
}

/** Static paths for a page that exists once per language. */
export function perLanguagePaths() {
  return locales.map((lang) => ({ params: { lang } }));
}

/** The districts of the deployment's region, in their order. */
export async function districtsOf(lang: Locale): Promise<{ key: string; name: string }[]> {
  const settings = await settingsFor(lang);
  return (await entriesIn('districts', lang))
    .filter((entry) => entry.data.region === settings.region)
    .sort((a, b) => a.data.order - b.data.order)
    .map((entry) => ({ key: entry.data.translationKey, name: entry.data.name }));
}
