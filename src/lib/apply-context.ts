/** What the application pages need from the content: the region's districts and the forms' titles. */
import type { Locale } from '../i18n/locales.ts';
import type { Translate } from '../i18n/translator.ts';
import type { ViewContext } from '../features/applications/views.ts';
import { districtsOf, guidesIn, settingsFor } from './site.ts';

export async function applyContext(
  lang: Locale,
  t: Translate,
): Promise<ViewContext & { region: string; lang: Locale }> {
  const settings = await settingsFor(lang);
  const districts = await districtsOf(lang);
  // A guide's title names the form, then says what the guide covers ("Adoption: who may adopt…"):
  // a question about the form needs only the name.
  const forms = (await guidesIn(lang)).map((guide) => ({
    key: guide.data.translationKey,
    title: guide.data.title.split(':')[0]?.trim() || guide.data.title,
  }));
  return { t, districts, forms, region: settings.region, lang };
}
