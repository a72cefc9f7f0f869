declare namespace App {
  interface Locals {
    /** The language of the requested page, from the first segment of its address. */
    lang: import('./i18n/locales.ts').Locale;
    /** UI strings in that language. */
    t: import('./i18n/translator.ts').Translate;
  }
}
