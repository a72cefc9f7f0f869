import { describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '../features/auth/staff.ts';
import { requireStaff, staffAccess, staffSignInPath } from './guards.ts';

const caseworker: StaffPrincipal = {
  staffId: '0b7e6c1a-3f2d-4e5c-9a8b-7c6d5e4f3a2b',
  name: 'Dana Seitkali',
  email: 'dana@akimat.example.kz',
  role: 'caseworker',
  districts: ['merke'],
  locale: 'kk',
  mfaVerifiedAt: new Date('2026-03-01T09:00:00Z'),
  endsAt: new Date('2026-03-01T09:15:00Z'),
};

describe('staff access', () => {
  it('lets in a member of staff whose role allows the action, with a checked second factor', () => {
    expect(staffAccess(caseworker, { action: 'applications.work', mfa: true })).toEqual({
      allowed: true,
      staff: caseworker,
    });
  });

  it('sends to sign-in whoever is not signed in as staff', () => {
    expect(staffAccess(undefined, { action: 'applications.read', mfa: true })).toEqual({
      allowed: false,
      reason: 'signed-out',
    });
  });

  it('asks for the second factor before it looks at roles', () => {
    const unchecked = { ...caseworker, mfaVerifiedAt: undefined };
    expect(staffAccess(unchecked, { action: 'applications.read', mfa: true })).toEqual({
      allowed: false,
      reason: 'mfa-needed',
    });
    // Even without the role: a half signed-in session learns nothing about what it may do.
    expect(staffAccess(unchecked, { action: 'staff.manage', mfa: true })).toEqual({
      allowed: false,
      reason: 'mfa-needed',
    });
  });

  it('refuses a member of staff whose role does not allow the action', () => {
    expect(staffAccess(caseworker, { action: 'staff.manage', mfa: true })).toEqual({
      allowed: false,
      reason: 'role-missing',
    });
    expect(staffAccess({ ...caseworker, role: 'psychologist' }, { action: 'applications.read', mfa: true })).toEqual({
      allowed: false,
      reason: 'role-missing',
    });
  });
});

describe('requireStaff', () => {
  const context = (staff: StaffPrincipal | undefined) => ({
    locals: { staff, lang: 'ru' } as App.Locals,
    redirect: (path: string, status: 303) => new Response(null, { status, headers: { Location: path } }),
  });

  it('returns the member of staff', () => {
    expect(requireStaff(context(caseworker), { action: 'applications.read', mfa: true })).toBe(caseworker);
  });

  it('redirects to the staff sign-in in the page’s language when not signed in, or the second factor is missing', () => {
    for (const staff of [undefined, { ...caseworker, mfaVerifiedAt: undefined }]) {
      const response = requireStaff(context(staff), { action: 'applications.read', mfa: true });
      if (!(response instanceof Response)) throw new Error('let in');
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(staffSignInPath('ru'));
    }
    expect(staffSignInPath('ru')).toBe('/ru/desk/sign-in/');
  });

  it('answers 404 to a member of staff whose role does not allow the page: as good as none', () => {
    const response = requireStaff(context(caseworker), { action: 'staff.manage', mfa: true });
    expect(response instanceof Response && response.status).toBe(404);
  });
});
