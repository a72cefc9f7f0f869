/**
 * The issuer of the school's certificates as an Open Badges 3.0 Profile, at a stable address that
 * every credential names as its issuer, with the public key its signatures are checked with.
 */
import type { APIRoute } from 'astro';
import { issuerName } from '../../lib/school-course.ts';
import { schoolPaths } from '../../features/school/paths.ts';
import { defaultLocale } from '../../i18n/locales.ts';

export const prerender = false;

export const GET: APIRoute = async ({ locals }) => {
  const { runtime } = locals;
  const profile = {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: runtime.issuer.id,
    type: ['Profile'],
    name: await issuerName(defaultLocale),
    url: runtime.publicUrl('/'),
    // The keys, as a JSON Web Key Set, at their own address too.
    publicKeys: runtime.publicUrl(schoolPaths.issuerKeys),
    verification: runtime.publicUrl(schoolPaths.verify(defaultLocale)),
  };
  return new Response(JSON.stringify(profile, null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  });
};
