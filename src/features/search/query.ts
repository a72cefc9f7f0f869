/**
 * The query of the search page's address (`?q=`), which the page puts back into the search box:
 * a reader without JavaScript then sees what they asked for. It is only ever shown, never run on
 * the server (the search itself is Pagefind's, in the browser).
 */
import { z } from 'zod';

/** Longer than any sensible search: the box accepts no more, and a longer address shows an empty box. */
export const maxQueryLength = 200;

const querySchema = z
  .string()
  .trim()
  .max(maxQueryLength)
  // Control characters have no place in a search box; they come only from a crafted address.
  .regex(/^\P{Cc}*$/u);

/** The query to show in the search box: trimmed; empty when there is none or it is not a search. */
export function searchQueryOf(params: URLSearchParams): string {
  const parsed = querySchema.safeParse(params.get('q') ?? '');
  return parsed.success ? parsed.data : '';
}
