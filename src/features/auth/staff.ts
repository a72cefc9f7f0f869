/**
 * A member of staff as the pages of the caseworkers' desk see them, once signed in. Their roles and
 * what each may do are the desk's (`src/features/desk/policy.ts`). Pure.
 */
import type { Locale } from '../../i18n/locales.ts';
import type { StaffRole } from '../desk/policy.ts';

export type { StaffRole };

/** A signed-in member of staff. */
export interface StaffPrincipal {
  staffId: string;
  name: string;
  email: string;
  role: StaffRole;
  /** The districts they work for, as given (an administrator's scope is the whole region). */
  districts: readonly string[];
  locale: Locale;
  /** When this session's second factor was last checked; undefined until it is. */
  mfaVerifiedAt: Date | undefined;
  /** When the session ends if nothing happens before. */
  endsAt: Date;
}
