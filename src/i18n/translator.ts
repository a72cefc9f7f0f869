/**
 * UI strings through i18next: one instance for the process, and a translator fixed to one
 * language per request (`getFixedT`), so concurrent requests in different languages never share
 * state. Never call `changeLanguage()` on the server.
 */
import i18next, { type TFunction } from 'i18next';
import en from './ui/en.json' with { type: 'json' };
import kk from './ui/kk.json' with { type: 'json' };
import ru from './ui/ru.json' with { type: 'json' };
import { defaultLocale, locales, type Locale } from './locales.ts';

/** The UI strings of every language, flat dotted keys. */
export const uiStrings: Record<Locale, Record<string, string>> = { kk, ru, en };

const instance = i18next.createInstance();
await instance.init({
  lng: defaultLocale,
  fallbackLng: false,
  supportedLngs: [...locales],
  // Flat dotted keys: "nav.guides" is one key, not a path into nested objects.
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  resources: Object.fromEntries(locales.map((lang) => [lang, { translation: uiStrings[lang] }])),
  initAsync: false,
});

export type Translate = TFunction;

/** A translator bound to one language. Astro escapes the output when it is rendered. */
export function translatorFor(lang: Locale): Translate {
  return instance.getFixedT(lang);
}
