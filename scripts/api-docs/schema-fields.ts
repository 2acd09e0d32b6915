import type { JsonSchema } from './openapi-types.ts';

/** One row of a field table: `scores.positive`, `explanation[].token`, … */
export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  notes: string;
}

const SCHEMA_REF = '#/components/schemas/';

/** Bounds zod emits for every integer (Number.MIN/MAX_SAFE_INTEGER) say nothing to a reader. */
const SAFE_BOUND = Number.MAX_SAFE_INTEGER;

/** Patterns longer than this (zod's e-mail and date patterns) are named by their format instead. */
const SHORT_PATTERN = 40;

export function refName(schema: JsonSchema): string | undefined {
  return schema.$ref?.startsWith(SCHEMA_REF) ? schema.$ref.slice(SCHEMA_REF.length) : undefined;
}

/** The anchor of a shared schema's heading in the reference ("Schema: Job" → #schema-job). */
export function schemaAnchor(name: string): string {
  return `schema-${name.toLowerCase()}`;
}

function isNullOnly(schema: JsonSchema): boolean {
  return schema.enum !== undefined && schema.enum.length === 1 && schema.enum[0] === null;
}

/** A short type: `string`, `integer`, `Job`, `string[]`, `string (date) or string (date-time)`. */
export function typeOf(schema: JsonSchema): string {
  const ref = refName(schema);
  let type: string;
  if (ref !== undefined) type = `[${ref}](#${schemaAnchor(ref)})`;
  else if (schema.anyOf ?? schema.oneOf) {
    type = [...new Set((schema.anyOf ?? schema.oneOf ?? []).map(typeOf))].join(' or ');
  } else if (schema.type === 'array') {
    const item = schema.items ? typeOf(schema.items) : 'any';
    type = item.includes(' or ') ? `(${item})[]` : `${item}[]`;
  } else if (schema.type !== undefined)
    type = schema.format ? `${schema.type} (${schema.format})` : schema.type;
  else type = 'any';
  return schema.nullable ? `${type} or null` : type;
}

function bound(value: number | undefined): value is number {
  return value !== undefined && Math.abs(value) < SAFE_BOUND;
}

/** Constraints and meaning in a few words: "one of a, b; 1 to 200; default 20; what it is". */
export function notesOf(schema: JsonSchema): string {
  const notes: string[] = [];
  const values = schema.enum?.filter((v) => v !== null);
  if (values !== undefined && values.length > 0)
    notes.push(`one of ${values.map((v) => `\`${String(v)}\``).join(', ')}`);
  const exclusiveMin = schema.exclusiveMinimum === true;
  if (bound(schema.minimum) && bound(schema.maximum)) {
    notes.push(`${exclusiveMin ? 'over ' : ''}${schema.minimum} to ${schema.maximum}`);
  } else if (bound(schema.minimum)) notes.push(`${exclusiveMin ? 'over' : 'at least'} ${schema.minimum}`);
  else if (bound(schema.maximum)) notes.push(`at most ${schema.maximum}`);
  if (schema.minLength !== undefined && schema.maxLength !== undefined) {
    notes.push(`${schema.minLength} to ${schema.maxLength} characters`);
  } else if (schema.maxLength !== undefined) notes.push(`at most ${schema.maxLength} characters`);
  else if (schema.minLength !== undefined) notes.push(`at least ${schema.minLength} characters`);
  if (schema.minItems !== undefined && schema.minItems > 0) notes.push(`at least ${schema.minItems} item(s)`);
  if (schema.maxItems !== undefined) notes.push(`at most ${schema.maxItems} items`);
  if (schema.pattern !== undefined && schema.pattern.length <= SHORT_PATTERN)
    notes.push(`matches \`${schema.pattern}\``);
  if (schema.default !== undefined) notes.push(`default \`${JSON.stringify(schema.default)}\``);
  if (schema.description !== undefined) notes.push(schema.description);
  return notes.join('; ');
}

/**
 * The object whose fields are listed under a property: the property itself, an array's items, or
 * the alternatives of an anyOf merged (each of their fields optional, as only one applies).
 */
function objectOf(schema: JsonSchema): JsonSchema | undefined {
  if (schema.properties !== undefined) return schema;
  if (schema.type === 'array' && schema.items !== undefined) return objectOf(schema.items);
  const alternatives = (schema.anyOf ?? schema.oneOf ?? []).filter((a) => a.properties !== undefined);
  if (alternatives.length === 0) return undefined;
  return {
    properties: Object.assign({}, ...alternatives.map((a) => a.properties)) as Record<string, JsonSchema>,
  };
}

/**
 * The fields of an object schema, nested objects and arrays of objects flattened with dots and
 * `[]` (as `explanation[].token`); a shared schema ($ref) stays one row that links to its table.
 */
export function fieldRows(schema: JsonSchema, prefix = ''): FieldRow[] {
  const rows: FieldRow[] = [];
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = `${prefix}${name}`;
    rows.push({ name: path, type: typeOf(property), required: required.has(name), notes: notesOf(property) });
    const nested = objectOf(property);
    if (nested !== undefined) {
      rows.push(...fieldRows(nested, property.type === 'array' ? `${path}[].` : `${path}.`));
    }
  }
  return rows;
}

/** True for a 204-style "no body" schema (zod's z.null()). */
export function isEmptyBody(schema: JsonSchema | undefined): boolean {
  return schema === undefined || isNullOnly(schema);
}
