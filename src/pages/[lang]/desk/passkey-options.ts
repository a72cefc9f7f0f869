/**
 * POST (a form: `purpose`, and the invitation's `token` to register): the options the browser's
 * passkey script needs, as JSON. The answer is posted as a form to the page that asked
 * (invitation, sign-in, confirmation), which checks it.
 */
import type { APIRoute } from 'astro';
import { authenticationOptions, registrationOptions } from '../../../features/desk/passkeys.ts';
import { findInvitation } from '../../../features/desk/staff.ts';
import { relyingParty } from '../../../lib/desk.ts';

export const prerender = false;

export const POST: APIRoute = async ({ request, locals }) => {
  const { runtime } = locals;
  const form = await request.formData().catch(() => new FormData());
  const now = runtime.now();
  const rp = relyingParty(locals);
  const json = (value: unknown, status = 200) =>
    new Response(JSON.stringify(value), {
      status,
      headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    });
  /** The options, or 429 when this address already holds its share of live challenges. */
  const answer = (options: unknown) => (options ? json(options) : json({ error: 'too-many' }, 429));
  const ip = locals.clientIp;
  const purpose = form.get('purpose');
  if (purpose === 'register') {
    const token = form.get('token');
    const invitation =
      typeof token === 'string' ? await findInvitation(runtime.db, token.slice(0, 100), now) : undefined;
    if (!invitation) return json({ error: 'expired' }, 410);
    return answer(
      await registrationOptions(runtime.db, {
        rp,
        staffId: invitation.staffId,
        email: invitation.email,
        name: invitation.name,
        ip,
        now,
      }),
    );
  }
  if (purpose === 'authenticate') return answer(await authenticationOptions(runtime.db, { rp, ip, now }));
  return json({ error: 'purpose' }, 400);
};
