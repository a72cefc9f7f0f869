/**
 * Reduces a zod schema and a type of Sanity's extracted schema (`sanity schema extract`) to the
 * same plain description (fields, types, which are required, allowed values), so that a test can
 * say where the Studio and the site disagree. Pure.
 */

import { defOf } from '../zod-def.ts';

export type Shape =
  | { kind: 'string'; values?: string[] }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'array'; of: Shape }
  | { kind: 'object'; fields: Record<string, Field> }
  | { kind: 'unknown'; detail: string };

export interface Field {
  shape: Shape;
  optional: boolean;
}

/** The description of a zod schema, and whether it may be left out. */
export function zodField(schema: unknown): Field {
  let current = schema;
  let optional = false;
  for (;;) {
    const def = defOf(current);
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') {
      optional = true;
      current = def.innerType;
    } else if (def.type === 'pipe') {
      current = def.in;
    } else {
      break;
    }
  }
  return { shape: zodShape(current), optional };
}

function zodShape(schema: unknown): Shape {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return { kind: 'string' };
    case 'enum':
      return { kind: 'string', values: Object.values(def.entries ?? {}).sort() };
    case 'literal':
      return { kind: 'string', values: (def.values ?? []).map(String).sort() };
    case 'number':
      return { kind: 'number' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'array':
      return { kind: 'array', of: zodField(def.element).shape };
    case 'object':
      return {
        kind: 'object',
        fields: Object.fromEntries(Object.entries(def.shape ?? {}).map(([name, field]) => [name, zodField(field)])),
      };
    default:
      return { kind: 'unknown', detail: `zod ${def.type}` };
  }
}

/** Sanity's extracted schema: a list of named types. */
export type ExtractedSchema = ExtractedType[];
interface ExtractedType {
  name: string;
  type: 'document' | 'type';
  attributes?: Record<string, ExtractedAttribute>;
  value?: ExtractedValue;
}
interface ExtractedAttribute {
  type: 'objectAttribute';
  value: ExtractedValue;
  optional?: boolean;
}
interface ExtractedValue {
  type: string;
  value?: unknown;
  of?: ExtractedValue | ExtractedValue[];
  attributes?: Record<string, ExtractedAttribute>;
  rest?: ExtractedValue;
  name?: string;
}

/** Fields Sanity keeps on every document or array item, which the content files do not have. */
const sanityOwnFields = new Set(['_id', '_type', '_rev', '_createdAt', '_updatedAt', '_key']);

function sanityValueShape(value: ExtractedValue, schema: ExtractedSchema): Shape {
  switch (value.type) {
    case 'string':
      return typeof value.value === 'string' ? { kind: 'string', values: [value.value] } : { kind: 'string' };
    case 'number':
      return { kind: 'number' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'union': {
      const members = Array.isArray(value.of) ? value.of : [];
      if (members.every((member) => member.type === 'string' && typeof member.value === 'string')) {
        return { kind: 'string', values: members.map((member) => String(member.value)).sort() };
      }
      return { kind: 'unknown', detail: 'sanity union' };
    }
    case 'array':
      return { kind: 'array', of: sanityValueShape(value.of as ExtractedValue, schema) };
    case 'inline': {
      const named = schema.find((type) => type.name === value.name);
      if (!named) return { kind: 'unknown', detail: `sanity type ${value.name ?? '?'}` };
      return named.value ? sanityValueShape(named.value, schema) : sanityObjectShape(named.attributes ?? {}, schema);
    }
    case 'object': {
      const own = sanityObjectShape(value.attributes ?? {}, schema);
      const rest = value.rest ? sanityValueShape(value.rest, schema) : undefined;
      if (rest?.kind === 'object' && own.kind === 'object') return { kind: 'object', fields: { ...rest.fields, ...own.fields } };
      return own;
    }
    default:
      return { kind: 'unknown', detail: `sanity ${value.type}` };
  }
}

function sanityObjectShape(attributes: Record<string, ExtractedAttribute>, schema: ExtractedSchema): Shape {
  const fields: Record<string, Field> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    if (sanityOwnFields.has(name)) continue;
    fields[name] = { shape: sanityValueShape(attribute.value, schema), optional: attribute.optional === true };
  }
  return { kind: 'object', fields };
}

/** The description of one document type of the extracted schema. */
export function sanityDocumentShape(schema: ExtractedSchema, typeName: string): Shape | undefined {
  const type = schema.find((candidate) => candidate.name === typeName && candidate.type === 'document');
  return type ? sanityObjectShape(type.attributes ?? {}, schema) : undefined;
}

/** Where two descriptions differ, one line per difference, with the path of the field. */
export function differences(site: Shape, studio: Shape, path = ''): string[] {
  const at = path || '(document)';
  if (site.kind !== studio.kind) return [`${at}: the site has ${site.kind}, the Studio has ${studio.kind}`];
  if (site.kind === 'unknown' || studio.kind === 'unknown') {
    return [`${at}: cannot compare (${site.kind === 'unknown' ? site.detail : ''} ${studio.kind === 'unknown' ? studio.detail : ''})`];
  }
  if (site.kind === 'string' && studio.kind === 'string') {
    const a = site.values?.join(', ');
    const b = studio.values?.join(', ');
    return a === b ? [] : [`${at}: the site allows ${a ? `only ${a}` : 'any text'}, the Studio ${b ? `only ${b}` : 'any text'}`];
  }
  if (site.kind === 'array' && studio.kind === 'array') return differences(site.of, studio.of, `${path}[]`);
  if (site.kind === 'object' && studio.kind === 'object') {
    const found: string[] = [];
    const names = new Set([...Object.keys(site.fields), ...Object.keys(studio.fields)]);
    for (const name of [...names].sort()) {
      const here = `${path ? `${path}.` : ''}${name}`;
      const a = site.fields[name];
      const b = studio.fields[name];
      if (!a) found.push(`${here}: only in the Studio`);
      else if (!b) found.push(`${here}: only on the site`);
      else {
        if (a.optional !== b.optional) {
          found.push(`${here}: ${a.optional ? 'optional' : 'required'} on the site, ${b.optional ? 'optional' : 'required'} in the Studio`);
        }
        found.push(...differences(a.shape, b.shape, here));
      }
    }
    return found;
  }
  return [];
}
