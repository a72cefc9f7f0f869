/**
 * The Studio's sidebar, grouped the way the site is: guides, the school, news, figures,
 * districts, pages, settings (one per language).
 */
import { BarChartIcon } from '@sanity/icons/BarChart';
import { BellIcon } from '@sanity/icons/Bell';
import { BookIcon } from '@sanity/icons/Book';
import { CogIcon } from '@sanity/icons/Cog';
import { DocumentTextIcon } from '@sanity/icons/DocumentText';
import { PinIcon } from '@sanity/icons/Pin';
import { UsersIcon } from '@sanity/icons/Users';
import type { StructureResolver } from 'sanity/structure';
import { localeInfo, locales } from '../src/i18n/locales.ts';
import { documentId } from '../src/content/sanity/mapping.ts';

export const structure: StructureResolver = (S) =>
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
          S.documentList().title('School of adoptive parents').filter('_type == "page" && translationKey == "school"'),
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
