import { code } from './markdown.ts';
import type { JsonSchema, OpenApiDocument, Operation } from './openapi-types.ts';
import { fieldTable, renderOperation } from './render-operation.ts';
import { refName } from './schema-fields.ts';

const TAG_TITLES: Record<string, string> = {
  tools: 'Tool operations',
  auth: 'Sign-up, log-in and password operations',
  account: 'Account operations',
  keys: 'API key operations',
  history: 'History and analytics operations',
  jobs: 'File job operations',
  admin: 'Admin operations',
};

const V1 = '/api/v1/';
const LEGACY = '/api/';

interface Entry {
  method: string;
  path: string;
  operation: Operation;
  aliases: string[];
}

/**
 * Operations in the document's order, grouped by their first tag. The replaced system's paths
 * (`/api/sentiment` for `/api/v1/sentiment`) are folded into their v1 operation as aliases.
 */
function entriesByTag(document: OpenApiDocument): Map<string, Entry[]> {
  const entries: Entry[] = [];
  const byKey = new Map<string, Entry>();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const v1Twin =
        path.startsWith(LEGACY) && !path.startsWith(V1) ? V1 + path.slice(LEGACY.length) : undefined;
      const twin = v1Twin === undefined ? undefined : byKey.get(`${method} ${v1Twin}`);
      if (twin !== undefined) {
        twin.aliases.push(path);
        continue;
      }
      const entry = { method, path, operation, aliases: [] };
      entries.push(entry);
      byKey.set(`${method} ${path}`, entry);
    }
  }
  const groups = new Map<string, Entry[]>();
  for (const entry of entries) {
    const tag = entry.operation.tags?.[0] ?? 'other';
    groups.set(tag, [...(groups.get(tag) ?? []), entry]);
  }
  return groups;
}

/** Names of the shared schemas the operations use, directly or through other shared schemas. */
function usedSchemas(document: OpenApiDocument): string[] {
  const shared = document.components?.schemas ?? {};
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const name = refName(value as JsonSchema);
    if (name !== undefined && !used.has(name)) {
      used.add(name);
      visit(shared[name]);
    }
    Object.values(value).forEach(visit);
  };
  visit(document.paths);
  return Object.keys(shared).filter((name) => used.has(name));
}

function title(tag: string): string {
  return TAG_TITLES[tag] ?? `${tag.charAt(0).toUpperCase()}${tag.slice(1)} operations`;
}

/** The reference part of docs/API.md: every operation, then the shared schemas. */
export function renderReference(document: OpenApiDocument): string {
  const parts: string[] = [
    `Generated from the OpenAPI document (${document.info.title} ${document.info.version}, ` +
      `the one served at ${code('/api/docs/json')}) by ${code('npm run docs:api')}; edit the routes’ ` +
      `schemas, not this part. Types link to the shared schemas at the end.`,
  ];
  for (const [tag, entries] of entriesByTag(document)) {
    parts.push(`### ${title(tag)}`);
    for (const { method, path, operation, aliases } of entries) {
      parts.push(renderOperation(method, path, operation, aliases));
    }
  }
  parts.push('### Shared schemas');
  const shared = document.components?.schemas ?? {};
  for (const name of usedSchemas(document)) {
    const schema = shared[name] ?? {};
    // The heading's own anchor is #schema-name, where typeOf's links point (schemaAnchor).
    parts.push(`#### Schema: ${name}`);
    if (schema.description) parts.push(schema.description);
    parts.push(fieldTable(schema));
  }
  return parts.join('\n\n');
}
