/**
 * Fields that several document types share, with validation messages that tell the editor what
 * to do. Each mirrors a field of the site's zod schema (src/content/schema.ts); the drift test
 * keeps the two the same.
 */
import { defineArrayMember, defineField, type SlugValidationContext } from 'sanity';

export const apiVersion = '2025-02-19';

export const keyPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Links the kk, ru and en versions of one document. */
export const translationKeyField = defineField({
  name: 'translationKey',
  title: 'Translation key',
  description:
    'The same in the Kazakh, Russian and English versions of this document: lower-case Latin letters, digits and hyphens, for example "foster-family". Do not change it once published: it links the translations.',
  type: 'string',
  validation: (rule) =>
    rule
      .required()
      .error('Write the translation key: the same word in all three language versions.')
      .regex(keyPattern, { name: 'key' })
      .error('Use lower-case Latin letters, digits and hyphens only, for example "foster-family".'),
});

/** Set by the translations plugin; editors choose the language when they create a document. */
export const languageField = defineField({
  name: 'language',
  title: 'Language',
  type: 'string',
  readOnly: true,
  hidden: true,
  validation: (rule) => rule.required().error('Create the document from a language version so it has a language.'),
});

/** A slug that is unique among documents of the same type in the same language. */
async function isUniqueInLanguage(slug: string, context: SlugValidationContext): Promise<boolean> {
  const { document, getClient } = context;
  if (!document) return true;
  const published = document._id.replace(/^drafts\./, '');
  const params = {
    type: document._type,
    language: document['language'] ?? null,
    slug,
    ids: [published, `drafts.${published}`],
  };
  const query =
    '!defined(*[_type == $type && language == $language && slug.current == $slug && !(_id in $ids)][0]._id)';
  return getClient({ apiVersion }).fetch<boolean>(query, params);
}

export const slugField = defineField({
  name: 'slug',
  title: 'Address (slug)',
  description:
    'The last part of the page address, in Latin letters: transliterate Kazakh and Russian titles, for example "asyrap-alu". Use "Generate" to start from the title.',
  type: 'slug',
  options: { source: 'title', maxLength: 80, isUnique: isUniqueInLanguage },
  validation: (rule) =>
    rule
      .required()
      .error('Give the page an address: click "Generate", then check it.')
      .custom((value) =>
        !value?.current || keyPattern.test(value.current)
          ? true
          : 'Use lower-case Latin letters, digits and hyphens only, for example "asyrap-alu".',
      ),
});

export const titleField = defineField({
  name: 'title',
  title: 'Title',
  type: 'string',
  validation: (rule) => [
    rule.required().error('Write a title: it is the heading of the page.'),
    rule.max(90).error('Shorten the title to 90 characters or fewer.'),
    rule.max(60).warning('Titles over 60 characters are cut in search results.'),
  ],
});

export const descriptionField = defineField({
  name: 'description',
  title: 'Description',
  description: 'One or two sentences shown in search results and link previews.',
  type: 'text',
  rows: 3,
  validation: (rule) => [
    rule.required().error('Write a description: one full sentence about the page.'),
    rule.min(50).error('Write at least 50 characters: one full sentence about the page.'),
    rule.max(220).error('Shorten the description to 220 characters or fewer.'),
    rule.max(160).warning('Search results usually show about 160 characters.'),
  ],
});

export const sourcesField = defineField({
  name: 'sources',
  title: 'Sources',
  description: 'Where the facts on this page come from, so readers and editors can check them.',
  type: 'array',
  of: [defineArrayMember({ type: 'source' })],
  validation: (rule) => rule.required().min(1).error('Name at least one source for the facts on this page.'),
});

/** The same list, for documents that may have no sources (a lesson of advice only, a module). */
export const optionalSourcesField = defineField({
  name: 'sources',
  title: 'Sources',
  description:
    'Where the facts and rules come from, so readers and editors can check them. Leave empty only when the text is advice and states no facts.',
  type: 'array',
  of: [defineArrayMember({ type: 'source' })],
});

/** A field holding the translation key of another document (a course, a module). */
export function keyField(name: string, title: string, options: { description: string; required: string }) {
  return defineField({
    name,
    title,
    description: options.description,
    type: 'string',
    validation: (rule) =>
      rule
        .required()
        .error(options.required)
        .regex(keyPattern, { name: 'key' })
        .error('Use lower-case Latin letters, digits and hyphens only, for example "first-days".'),
  });
}

export const bodyField = defineField({
  name: 'body',
  title: 'Text (Markdown)',
  description:
    'The text of the page in Markdown: "## " starts a section heading, "- " a list item, [text](/kk/...) a link. The page title is added above it.',
  type: 'text',
  rows: 20,
  validation: (rule) => rule.required().error('Write the text of the page.'),
});

export const orderField = defineField({
  name: 'order',
  title: 'Position in lists',
  description: '1 comes first.',
  type: 'number',
  validation: (rule) => rule.required().integer().min(1).error('Give a whole number from 1: 1 comes first.'),
});

/** A list of short texts, each a list item on the page. */
export function textListField(name: string, title: string, options: { required?: string } = {}) {
  return defineField({
    name,
    title,
    type: 'array',
    of: [defineArrayMember({ type: 'string' })],
    validation: (rule) => (options.required ? rule.required().min(1).error(options.required) : rule),
  });
}
