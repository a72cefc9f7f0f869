/**
 * The pages the server itself answers with when it refuses a request before any route runs (a
 * request too large, of a kind no page sends, from another site). In the visitor's language, with
 * what to do and a way back; the publishing API gets the same in JSON.
 */
import type { Locale } from '../../i18n/locales.ts';
import { translatorFor } from '../../i18n/translator.ts';

export type RefusalKind =
  'badAddress' | 'forbidden' | 'method' | 'tooLarge' | 'uploadTooLarge' | 'tooManyFields' | 'mediaType' | 'host';

export const refusalStatus: Record<RefusalKind, number> = {
  badAddress: 400,
  forbidden: 403,
  method: 405,
  tooLarge: 413,
  uploadTooLarge: 413,
  tooManyFields: 413,
  mediaType: 415,
  host: 421,
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The title and the instruction of a refusal, in one language. */
export function refusalText(kind: RefusalKind, lang: Locale): { title: string; text: string } {
  const t = translatorFor(lang);
  const texts: Record<RefusalKind, { title: string; text: string }> = {
    badAddress: { title: t('requestError.badAddress.title'), text: t('requestError.badAddress.text') },
    forbidden: { title: t('requestError.forbidden.title'), text: t('requestError.forbidden.text') },
    method: { title: t('requestError.method.title'), text: t('requestError.method.text') },
    tooLarge: { title: t('requestError.tooLarge.title'), text: t('requestError.tooLarge.text') },
    uploadTooLarge: { title: t('requestError.uploadTooLarge.title'), text: t('requestError.uploadTooLarge.text') },
    tooManyFields: { title: t('requestError.tooLarge.title'), text: t('requestError.tooLarge.text') },
    mediaType: { title: t('requestError.forbidden.title'), text: t('requestError.forbidden.text') },
    host: { title: t('requestError.host.title'), text: t('requestError.host.text') },
  };
  return texts[kind];
}

/**
 * A small self-contained page: no script, no style, nothing from the request but a same-site
 * path to go back to (checked by the caller).
 */
export function refusalPage(kind: RefusalKind, lang: Locale, backTo: string): string {
  const { title, text } = refusalText(kind, lang);
  const t = translatorFor(lang);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(text)}</p>
<p><a href="${escapeHtml(backTo)}">${escapeHtml(t('requestError.back'))}</a></p>
</main>
</body>
</html>
`;
}
