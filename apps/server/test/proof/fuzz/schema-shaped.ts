import fc from 'fast-check';
import {
  hostileJson,
  hostileNumber,
  hostileString,
  prose,
  PROTOTYPE_KEYS,
  type FuzzValue,
} from './hostile-values.ts';

/** The part of JSON Schema the server's OpenAPI document uses for request bodies and parameters. */
export interface JsonSchema {
  type?: string | string[];
  enum?: readonly unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  $ref?: string;
}

interface Parameter {
  in: string;
  name: string;
  schema?: JsonSchema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** What the document says an operation takes (nothing for routes it hides). */
export interface OperationShape {
  body?: JsonSchema;
  query: { name: string; schema: JsonSchema }[];
}

export function operationShape(document: OpenApiDocument, path: string, method: string): OperationShape {
  const operation = document.paths[path]?.[method.toLowerCase()];
  const resolve = (schema: JsonSchema | undefined) =>
    schema === undefined ? undefined : deref(document, schema);
  const body = resolve(operation?.requestBody?.content?.['application/json']?.schema);
  return {
    ...(body === undefined ? {} : { body }),
    query: (operation?.parameters ?? [])
      .filter((p) => p.in === 'query')
      .map((p) => ({ name: p.name, schema: resolve(p.schema) ?? {} })),
  };
}

function deref(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  const name = schema.$ref?.replace('#/components/schemas/', '');
  return name === undefined ? schema : (document.components?.schemas?.[name] ?? {});
}

function typesOf(schema: JsonSchema): string[] {
  if (schema.type === undefined) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

/**
 * Values shaped like the schema, often right, often wrong: each place holds a plausible value
 * (so validation passes and the handler runs) or a hostile one (wrong type, edge, injection).
 */
export function shapedValue(schema: JsonSchema, depth = 0): fc.Arbitrary<FuzzValue> {
  return fc.oneof(
    { weight: 3, arbitrary: plausibleValue(schema, depth) },
    { weight: 1, arbitrary: depth > 2 ? hostileString : hostileJson },
  );
}

function plausibleValue(schema: JsonSchema, depth: number): fc.Arbitrary<FuzzValue> {
  const choices = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (choices !== undefined && choices.length > 0)
    return fc.oneof(...choices.map((c) => plausibleValue(c, depth)));
  if (schema.enum !== undefined && schema.enum.length > 0) {
    return fc.constantFrom(...(schema.enum as FuzzValue[]));
  }
  if (schema.const !== undefined) return fc.constant(schema.const as FuzzValue);
  const type = typesOf(schema)[0];
  switch (type) {
    case 'string':
      return fc.oneof(
        prose,
        fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) }),
        fc.constantFrom('sentiment', 'text', 'csv', 'pro', 'user', 'admin', 'tools', 'UTC', '2026-11-20'),
      );
    case 'integer':
      return fc.oneof(
        fc.integer({ min: Math.max(schema.minimum ?? -5, -1e6), max: Math.min(schema.maximum ?? 1000, 1e6) }),
        hostileNumber.map((n) => Math.trunc(n)),
      );
    case 'number':
      return fc.oneof(
        fc.double({ min: schema.minimum ?? -5, max: schema.maximum ?? 5, noNaN: true }),
        hostileNumber,
      );
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(depth > 3 ? hostileString : shapedValue(schema.items ?? {}, depth + 1), {
        maxLength: 6,
      });
    case 'object':
      return shapedObject(schema, depth);
    default:
      return depth > 2 ? hostileString : hostileJson;
  }
}

/** An object with the schema's properties (now and then some left out), sometimes with hostile extra keys. */
export function shapedObject(schema: JsonSchema, depth = 0): fc.Arbitrary<{ [key: string]: FuzzValue }> {
  const model: Record<string, fc.Arbitrary<FuzzValue>> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    model[name] = shapedValue(property, depth + 1);
  }
  const extras = fc.dictionary(
    fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 10 })),
    depth > 2 ? hostileString : hostileJson,
    { maxKeys: 2 },
  );
  return fc
    .tuple(
      fc.oneof(
        { weight: 3, arbitrary: fc.record(model) },
        { weight: 1, arbitrary: fc.record(model, { requiredKeys: [] }) },
      ),
      fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: extras }),
    )
    .map(([known, extra]): { [key: string]: FuzzValue } => ({
      ...(known as Record<string, FuzzValue>),
      ...extra,
    }));
}
