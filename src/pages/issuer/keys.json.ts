/**
 * The public keys the school's certificates are signed with, as a JSON Web Key Set: a verifier
 * who keeps a copy can check a credential with the network off.
 */
import type { APIRoute } from 'astro';

export const prerender = false;

export const GET: APIRoute = ({ locals }) => {
  // The current key first, then retired ones (SCHOOL_RETIRED_KEYS), whose certificates still verify.
  const keys = locals.runtime.publicKeys.map((key) => ({ ...key, use: 'sig', alg: 'EdDSA' }));
  return new Response(JSON.stringify({ keys }, null, 2), {
    headers: { 'Content-Type': 'application/jwk-set+json', 'Cache-Control': 'public, max-age=3600' },
  });
};
