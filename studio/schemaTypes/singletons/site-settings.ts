import { CogIcon } from '@sanity/icons/Cog';
import { defineField, defineType } from 'sanity';
import { languageField } from '../fields.ts';

/** Settings of the whole site; one per language. */
export const siteSettings = defineType({
  name: 'siteSettings',
  title: 'Site settings',
  type: 'document',
  icon: CogIcon,
  fields: [
    languageField,
    defineField({
      name: 'translationKey',
      title: 'Translation key',
      type: 'string',
      options: { list: ['settings'] },
      initialValue: 'settings',
      readOnly: true,
      validation: (rule) => rule.required().error('The translation key of the settings is "settings".'),
    }),
    defineField({
      name: 'siteName',
      title: 'Site name',
      type: 'string',
      validation: (rule) => [
        rule.required().error('Write the name of the site.'),
        rule.max(40).error('Keep the site name to 40 characters.'),
      ],
    }),
    defineField({
      name: 'tagline',
      title: 'Tagline',
      type: 'string',
      validation: (rule) => [
        rule.required().error('Write the tagline.'),
        rule.max(120).error('Keep the tagline to 120 characters.'),
      ],
    }),
    defineField({
      name: 'region',
      title: 'Region (translation key)',
      type: 'string',
      validation: (rule) => rule.required().error('Write the translation key of the region, for example "zhambyl".'),
    }),
    defineField({
      name: 'publisher',
      title: 'Who runs the portal',
      type: 'string',
      validation: (rule) => rule.required().error('Write who runs the portal, shown in the footer.'),
    }),
  ],
  preview: { select: { title: 'siteName', subtitle: 'language' } },
});
