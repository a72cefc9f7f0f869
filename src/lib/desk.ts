/**
 * What every page of the desk does first: the member of staff (signed in, second factor checked,
 * a role that allows the page's action) and the districts they may see, with where the request
 * comes from and the time, for the audit log. Pages take this and never build a scope themselves.
 */
import type { AstroGlobal } from 'astro';
import { requireStaff } from '../app/guards.ts';
import type { StaffPrincipal } from '../features/auth/staff.ts';
import type { DeskScope } from '../features/desk/casework.ts';
import { deskScope, type DeskAction } from '../features/desk/policy.ts';
import type { Origin } from '../features/desk/staff.ts';
import { districtsOf } from './site.ts';

import { clearStaffSessionCookie, setStaffSessionCookie, staffSessionCookie } from '../features/auth/web.ts';
import { postedJson, verifyAuthentication, type RelyingParty } from '../features/desk/passkeys.ts';
import { deskPaths } from '../features/desk/paths.ts';
import { checkSecondFactor } from '../features/desk/staff.ts';
import type { FormError } from '../platform/forms/errors.ts';

export { deskHome, deskPaths, deskReturnPath } from '../features/desk/paths.ts';

type DeskContext = Pick<AstroGlobal, 'locals' | 'redirect'>;

export interface DeskRequest {
  staff: StaffPrincipal;
  scope: DeskScope;
  origin: Origin;
  /** The region's districts, keyed, with their names in the page's language. */
  districts: { key: string; name: string }[];
}

/** The member of staff allowed `action`, with their scope; or the response to send instead. */
export async function deskRequest(context: DeskContext, action: DeskAction): Promise<DeskRequest | Response> {
  const staff = requireStaff(context, { action, mfa: true });
  if (staff instanceof Response) return staff;
  const { lang, runtime, clientIp } = context.locals;
  const districts = await districtsOf(lang);
  const now = runtime.now();
  return {
    staff,
    districts,
    origin: { ip: clientIp, now },
    scope: {
      staffId: staff.staffId,
      role: staff.role,
      districts: deskScope(
        staff,
        districts.map((district) => district.key),
      ),
      ip: clientIp,
      now,
    },
  };
}

/** Where the request comes from, for the audit log of pages without a signed-in member (sign-in). */
export function originOf(context: Pick<AstroGlobal, 'locals'>): Origin {
  return { ip: context.locals.clientIp, now: context.locals.runtime.now() };
}

type FormContext = Pick<AstroGlobal, 'locals' | 'cookies' | 'redirect'>;

/** The portal as a passkey's relying party: its public origin, and the desk's name. */
export function relyingParty(locals: App.Locals): RelyingParty {
  return { origin: locals.runtime.config.deployment.origin, name: locals.t('desk.name') };
}

/** The passkey answer the passkey button posted (`challengeId`, `response`), checked; undefined if it fails. */
export function postedPasskey(
  context: Pick<AstroGlobal, 'locals'>,
  form: FormData,
): ReturnType<typeof verifyAuthentication> {
  const { locals } = context;
  const challengeId = form.get('challengeId');
  return verifyAuthentication(locals.runtime.db, {
    rp: relyingParty(locals),
    challengeId: typeof challengeId === 'string' ? challengeId : '',
    response: postedJson(form.get('response')),
    now: locals.runtime.now(),
  });
}

/**
 * The code typed for the second factor (`code`: the app's, or a recovery code), checked for the
 * session of this request's staff cookie: once checked, the session's new token is set and the
 * answer is a redirect to `then`; a session that has ended goes to sign-in; otherwise the error
 * to show beside the field.
 */
export async function submitSecondFactor(
  context: FormContext,
  form: FormData,
  then: string,
): Promise<Response | FormError> {
  const { locals, cookies, redirect } = context;
  const code = form.get('code');
  if (typeof code !== 'string' || code.trim() === '')
    return { field: 'code', message: locals.t('desk.code.error.missing') };
  const result = await checkSecondFactor(locals.runtime.db, {
    sessionToken: cookies.get(staffSessionCookie)?.value ?? '',
    code: code.slice(0, 40),
    origin: originOf(context),
  });
  if (result.status === 'verified') {
    setStaffSessionCookie(cookies, result.sessionToken);
    return redirect(then, 303);
  }
  if (result.status === 'ended') {
    clearStaffSessionCookie(cookies);
    return redirect(`${deskPaths.signIn(locals.lang)}?ended=1`, 303);
  }
  return { field: 'code', message: locals.t('desk.code.error.wrong') };
}
