/**
 * Whether a text is a UUID as PostgreSQL reads one (8-4-4-4-12 hexadecimal digits): ids that come
 * from a form or an address are checked with this before a query, so that a malformed one is "not
 * found" rather than an error of the database.
 */
const uuidFormat = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidFormat.test(value);
}
