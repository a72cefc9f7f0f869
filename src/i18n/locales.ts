/**
 * The portal's languages, declared once. Routes, the language switcher, hreflang alternates and
 * the content checks are all derived from this list; Kazakh comes first and is the default.
 */
export const locales = ['kk', 'ru', 'en'] as const;

export type Locale = (typeof locales)[number];

export const defaultLocale: Locale = 'kk';

/** How each language names itself in the switcher, and the BCP 47 tag used in `<html lang>`. */
export const localeInfo: Record<Locale, { label: string; htmlLang: string; intl: string }> = {
  kk: { label: 'Қазақша', htmlLang: 'kk', intl: 'kk-KZ' },
  ru: { label: 'Русский', htmlLang: 'ru', intl: 'ru-RU' },
  en: { label: 'English', htmlLang: 'en', intl: 'en-GB' },
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
