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
