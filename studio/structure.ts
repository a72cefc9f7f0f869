/**
 * The Studio's sidebar, grouped the way the site is: guides, the school (its page and the online
 * course: courses, modules, lessons), news, figures, districts, pages, settings (one per language).
 */
import { BarChartIcon } from '@sanity/icons/BarChart';
import { BellIcon } from '@sanity/icons/Bell';
import { BookIcon } from '@sanity/icons/Book';
import { CogIcon } from '@sanity/icons/Cog';
import { DocumentsIcon } from '@sanity/icons/Documents';
import { DocumentTextIcon } from '@sanity/icons/DocumentText';
import { OlistIcon } from '@sanity/icons/Olist';
import { PinIcon } from '@sanity/icons/Pin';
import { UsersIcon } from '@sanity/icons/Users';
import type { StructureResolver } from 'sanity/structure';
import { localeInfo, locales } from '../src/i18n/locales.ts';
import { documentId } from '../src/content/sanity/mapping.ts';
import { apiVersion } from './schemaTypes/fields.ts';

export const structure: StructureResolver = (S, context) =>
  S.list()
    .title('Alaqan')
    .items([
      S.listItem()
        .title('Guides to the forms of placement')
        .icon(BookIcon)
        .child(
          S.documentTypeList('guide')
            .title('Guides')
            .defaultOrdering([{ field: 'order', direction: 'asc' }]),
        ),
      S.listItem()
        .title('School of adoptive parents')
        .icon(UsersIcon)
        .child(
          S.list()
            .title('School of adoptive parents')
            .items([
              S.listItem()
                .title('School page')
                .icon(DocumentTextIcon)
                .child(S.documentList().title('School page').filter('_type == "page" && translationKey == "school"')),
              S.divider(),
              S.documentTypeListItem('course').title('Courses'),
              S.listItem()
                .title('Modules')
                .icon(OlistIcon)
                .child(
                  S.documentTypeList('courseModule')
                    .title('Modules')
                    .defaultOrdering([{ field: 'order', direction: 'asc' }]),
                ),
              S.listItem()
                .title('Lessons')
                .icon(DocumentsIcon)
                .child(
                  S.documentTypeList('lesson')
                    .title('Lessons')
                    .defaultOrdering([
                      { field: 'module', direction: 'asc' },
                      { field: 'order', direction: 'asc' },
                    ]),
                ),
              S.listItem()
                .title('Lessons by module')
                .icon(OlistIcon)
                .child(
                  S.documentTypeList('courseModule')
                    .title('Choose a module')
                    .defaultOrdering([{ field: 'order', direction: 'asc' }])
                    // The lessons that name the module, in the module's language. The module is read
                    // first: a list's filter is also a live query, and those cannot hold subqueries.
                    .child(async (moduleId: string) => {
                      const module = await context
                        .getClient({ apiVersion })
                        .fetch<{ translationKey?: string; language?: string } | null>(
                          '*[_id in $ids][0]{translationKey, language}',
                          { ids: [moduleId, `drafts.${moduleId}`] },
                        );
                      return S.documentList()
                        .title('Lessons of the module')
                        .schemaType('lesson')
                        .filter('_type == "lesson" && module == $module && language == $language')
                        .params({ module: module?.translationKey ?? '', language: module?.language ?? '' })
                        .defaultOrdering([{ field: 'order', direction: 'asc' }]);
                    }),
                ),
            ]),
        ),
      S.listItem().title('News').icon(BellIcon).child(S.documentTypeList('newsItem').title('News')),
      S.listItem()
        .title('Figures')
        .icon(BarChartIcon)
        .child(
          S.documentTypeList('figureSet')
            .title('Figures')
            .defaultOrdering([{ field: 'order', direction: 'asc' }]),
        ),
      S.listItem()
        .title('Districts and regions')
        .icon(PinIcon)
        .child(
          S.list()
            .title('Districts and regions')
            .items([
              S.documentTypeListItem('district').title('Districts'),
              S.documentTypeListItem('region').title('Regions'),
            ]),
        ),
      S.listItem()
        .title('Pages')
        .icon(DocumentTextIcon)
        .child(S.documentList().title('Pages').filter('_type == "page" && translationKey != "school"')),
      S.divider(),
      S.listItem()
        .title('Site settings')
        .icon(CogIcon)
        .child(
          S.list()
            .title('Site settings')
            .items(
              locales.map((lang) =>
                S.listItem()
                  .title(localeInfo[lang].label)
                  .id(`settings-${lang}`)
                  .child(
                    S.document()
                      .schemaType('siteSettings')
                      .documentId(documentId('settings', 'settings', lang)),
                  ),
              ),
            ),
        ),
    ]);
