/**
 * The public keys the school's certificates are signed with, as a JSON Web Key Set: a verifier
 * who keeps a copy can check a credential with the network off.
 */
import type { APIRoute } from 'astro';

export const prerender = false;

export const GET: APIRoute = ({ locals }) => {
  const { publicJwk } = locals.runtime.issuer.key;
  return new Response(JSON.stringify({ keys: [{ ...publicJwk, use: 'sig', alg: 'EdDSA' }] }, null, 2), {
    headers: { 'Content-Type': 'application/jwk-set+json', 'Cache-Control': 'public, max-age=3600' },
  });
};
