/**
 * Reads zod 4's own description of a schema (`_zod.def`): which kind of schema it is and what it
 * wraps. Used to compare schemas with the Studio's and to write fields in schema order.
 */
export interface ZodDef {
  type: string;
  innerType?: unknown;
  element?: unknown;
  shape?: Record<string, unknown>;
  entries?: Record<string, string>;
  values?: unknown[];
  in?: unknown;
}

/** The definition zod keeps on every schema (zod 4's `_zod.def`). */
export function defOf(schema: unknown): ZodDef {
  return (schema as { _zod: { def: ZodDef } })._zod.def;
}

