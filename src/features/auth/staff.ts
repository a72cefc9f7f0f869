/**
 * Members of staff as the pages of the caseworkers' desk will see them. The desk adds the staff
 * table, its sign-in (the passwordless code as the first factor, TOTP as the second) and a staff
 * cookie; sessions are ready for them (`principal_kind = 'staff'`, `mfa_verified_at`, and the
 * staff timeouts of `sessionPolicy`). Pure.
 */

/** What a member of staff may be allowed to do. Provisional: the desk settles the list with its staff table. */
export const staffRoles = ['caseworker', 'supervisor', 'administrator'] as const;

export type StaffRole = (typeof staffRoles)[number];

/** A signed-in member of staff. */
export interface StaffPrincipal {
  staffId: string;
  roles: readonly StaffRole[];
  /** When this session's second factor was checked; undefined until it is. */
  mfaVerifiedAt: Date | undefined;
  /** When the session ends if nothing happens before. */
  endsAt: Date;
}
