/**
 * Writes a content document in the one canonical form: fields in the order of the schema,
 * strings double-quoted, Markdown body after the front matter. `content:pull` writes files this
 * way and `content:format` rewrites hand-edited files to it, so a pull after a push leaves
 * `git diff` empty. Pure.
 */
import { stringify } from 'yaml';
import { defOf } from './zod-def.ts';
import { collections, type CollectionName } from './schema.ts';

/** The schema under optional/default/nullable wrappers. */
function unwrap(schema: unknown): unknown {
  let current = schema;
  for (let def = defOf(current); def.innerType !== undefined; def = defOf(current)) current = def.innerType;
  return current;
}

/** The value with object keys in schema order (unknown keys last, in their own order). */
export function inSchemaOrder(schema: unknown, value: unknown): unknown {
  const def = defOf(unwrap(schema));
  if (Array.isArray(value) && def.element) {
    const element = def.element;
    return value.map((item) => inSchemaOrder(element, item));
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && def.shape) {
    const shape = def.shape;
    const record = value as Record<string, unknown>;
    const known = Object.keys(shape).filter((key) => key in record);
    const unknown = Object.keys(record).filter((key) => !(key in shape));
    return Object.fromEntries(
      [...known, ...unknown].map((key) => [key, shape[key] ? inSchemaOrder(shape[key], record[key]) : record[key]]),
    );
  }
  return value;
}

/** The text of a content file for this document. */
export function serializeDocument(collection: CollectionName, data: unknown, body: string | undefined): string {
  const { ext, schema } = collections[collection];
  const yaml = stringify(inSchemaOrder(schema, data), {
    lineWidth: 0,
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
  });
  if (ext === 'yaml') return yaml;
  return `---\n${yaml}---\n\n${(body ?? '').trim()}\n`;
}
