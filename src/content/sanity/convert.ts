/**
 * Converts between a content file's document and a Sanity document. Pure. Going to Sanity adds
 * what the Content Lake needs (a deterministic id, the type, the language, the slug, `_key` and
 * `_type` on list items); coming back removes exactly that, so the round trip changes nothing.
 */
import { isLocale, type Locale } from '../../i18n/locales.ts';
import { collections, type CollectionName } from '../schema.ts';
import type { RawDocument } from '../check.ts';
import { collectionOf, documentId, sanityTypeOf, systemFields, type SanityDocumentType } from './mapping.ts';

export interface SanityDocument {
  _id: string;
  _type: string;
  [field: string]: unknown;
}

/** The Sanity object type of the items of each list of objects, by field name. */
const itemTypes: Record<string, string> = {
  sources: 'source',
  steps: 'step',
  documents: 'requiredDocument',
  faq: 'faqItem',
  legalBasis: 'legalBasis',
  keyFacts: 'keyFact',
  values: 'figureValue',
  questions: 'testQuestion',
  options: 'answerOption',
};

/**
 * Collections whose documents have an address of their own: the slug, taken from the file name,
 * is a field in Sanity. Every other document is named after its translationKey (YAML files, and
 * lessons, whose pages are addressed by key), so going back the file name is the key.
 */
const routed = new Set<CollectionName>(['guides', 'pages', 'news']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Adds `_key` (by position, so the same list always gets the same keys) and `_type` to list items. */
function withKeys(value: unknown, field = ''): unknown {
  if (Array.isArray(value)) {
    return value.map((item, index) =>
      isRecord(item)
        ? { _key: `${field}-${index}`, ...(itemTypes[field] ? { _type: itemTypes[field] } : {}), ...(withKeys(item) as Record<string, unknown>) }
        : (item as unknown),
    );
  }
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withKeys(inner, key)]));
  return value;
}

/** Removes what Sanity adds inside a document: `_key`, `_type` and other underscore fields. */
function withoutSanityFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSanityFields);
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !key.startsWith('_'))
        .map(([key, inner]) => [key, withoutSanityFields(inner)]),
    );
  }
  return value;
}

export interface PlacedDocument {
  collection: CollectionName;
  lang: Locale;
  slug: string;
  data: Record<string, unknown>;
  body: string | undefined;
}

/** Where a file lives: `guides/en/adoption.md`. */
export function relativePathOf(document: Pick<PlacedDocument, 'collection' | 'lang' | 'slug'>): string {
  return `${document.collection}/${document.lang}/${document.slug}.${collections[document.collection].ext}`;
}

/** The Sanity document for a content file's document. */
export function toSanityDocument(document: PlacedDocument): SanityDocument {
  const translationKey = String(document.data['translationKey']);
  return {
    _id: documentId(document.collection, translationKey, document.lang),
    _type: sanityTypeOf[document.collection],
    language: document.lang,
    ...(withKeys(document.data) as Record<string, unknown>),
    ...(routed.has(document.collection) ? { slug: { _type: 'slug', current: document.slug } } : {}),
    ...(document.body !== undefined ? { body: document.body.trim() } : {}),
  };
}

/** The content file's document for a Sanity document; undefined for types the site does not use. */
export function fromSanityDocument(document: SanityDocument): RawDocument | undefined {
  const collection = collectionOf[document._type as SanityDocumentType] as CollectionName | undefined;
  if (!collection) return undefined;
  const { language, slug, body, ...rest } = document;
  const ownFields = Object.fromEntries(Object.entries(rest).filter(([key]) => !(systemFields as readonly string[]).includes(key)));
  const data = withoutSanityFields(ownFields) as Record<string, unknown>;
  const lang = isLocale(language) ? language : String(language);
  const slugValue = routed.has(collection)
    ? isRecord(slug) && typeof slug['current'] === 'string'
      ? slug['current']
      : ''
    : String(data['translationKey']);
  const relativePath = `${collection}/${lang}/${slugValue}.${collections[collection].ext}`;
  return {
    relativePath,
    data,
    body: collections[collection].ext === 'md' ? (typeof body === 'string' ? body : '') : undefined,
  };
}

/** Reads a raw document's place from its path. */
export function placeOf(relativePath: string): { collection: CollectionName; lang: Locale; slug: string } | undefined {
  const [collection, lang, file] = relativePath.split('/');
  if (!collection || !(collection in collections) || !isLocale(lang) || !file) return undefined;
  return { collection: collection as CollectionName, lang, slug: file.replace(/\.(md|yaml)$/, '') };
}
