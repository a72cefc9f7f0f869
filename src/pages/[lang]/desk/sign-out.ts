/** POST: a member of staff signs out; their session ends in the database, not only in the browser. */
import type { APIRoute } from 'astro';
import { clearStaffSessionCookie, staffSessionCookie } from '../../../features/auth/web.ts';
import { signOutStaff } from '../../../features/desk/staff.ts';
import { deskPaths, originOf } from '../../../lib/desk.ts';

export const prerender = false;

export const POST: APIRoute = async (context) => {
  const { locals, cookies, redirect } = context;
  await signOutStaff(
    locals.runtime.db,
    cookies.get(staffSessionCookie)?.value,
    locals.staff?.staffId,
    originOf(context),
  );
  clearStaffSessionCookie(cookies);
  return redirect(`${deskPaths.signIn(locals.lang)}?signed-out=1`, 303);
};
