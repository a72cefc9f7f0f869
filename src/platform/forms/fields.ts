/**
 * Fields that more than one form asks for, as zod schemas that take what a form posts (a string,
 * or nothing, or a file where text was expected) and clean it the way people type. Pure.
 */
import { z } from 'zod';

/**
 * A code of `digits` digits sent to the person (by email today, by an authenticator app for staff
 * later), as people type it: spaces anywhere are dropped.
 */
export function digitCode(digits: number) {
  return z
    .string()
    .transform((value) => value.replace(/\s+/g, ''))
    .pipe(z.string().regex(new RegExp(`^\\d{${String(digits)}}$`)));
}
