import { code, table } from './markdown.ts';
import type { JsonSchema, Operation, Parameter } from './openapi-types.ts';
import { fieldRows, isEmptyBody, notesOf, typeOf } from './schema-fields.ts';

const FIELD_HEADER = ['Field', 'Type', 'Required', 'Notes'] as const;

export function fieldTable(schema: JsonSchema): string {
  return table(
    FIELD_HEADER,
    fieldRows(schema).map((row) => [code(row.name), row.type, row.required ? 'yes' : 'no', row.notes]),
  );
}

/** Who may call the operation, in a sentence, from the document's x-access. */
export function accessSentence(operation: Operation): string {
  const access = operation['x-access'];
  if (access === undefined) return 'Not stated in the document.';
  if (access.api_keys === 'ignored') return 'Anyone; no credentials are checked.';
  const key =
    access.api_keys === 'scoped' && access.api_key_scope !== null
      ? `an API key with the ${code(access.api_key_scope)} scope`
      : undefined;
  if (access.who === 'admins') return 'An admin’s session (API keys are refused).';
  if (access.who === 'users') return key ? `A session, or ${key}.` : 'A session (API keys are refused).';
  if (access.guest_access_setting) {
    return `Anyone: guests (while ${code('ENABLE_GUEST_ACCESS')} is on), ${key ?? 'no API key'}, or a session.`;
  }
  return key ? `Anyone, ${key}, or a session.` : 'Anyone, without credentials (API keys are refused).';
}

function csrfSentence(operation: Operation): string | undefined {
  const csrf = operation['x-access']?.csrf;
  if (csrf === 'pre-session') {
    return `${code('X-CSRF-Token')} from ${code('GET /api/v1/auth/csrf')} (it must match the ${code('tai_csrf')} cookie that call sets).`;
  }
  if (csrf === 'session')
    return `${code('X-CSRF-Token')} with the session’s token when called with a session cookie.`;
  return undefined;
}

function parameterTable(parameters: Parameter[]): string {
  return table(
    ['Name', 'Type', 'Required', 'Notes'],
    parameters.map((p) => [
      code(p.name),
      typeOf(p.schema),
      p.required ? 'yes' : 'no',
      [notesOf(p.schema), p.description ?? ''].filter(Boolean).join('; '),
    ]),
  );
}

function requestBodySection(operation: Operation): string[] {
  const content = operation.requestBody?.content ?? {};
  const parts: string[] = [];
  for (const [mediaType, { schema }] of Object.entries(content)) {
    if (schema === undefined) continue;
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives !== undefined && alternatives.every((a) => a.properties !== undefined)) {
      parts.push(`**Request body** (${code(mediaType)}), one of these forms:`);
      alternatives.forEach((alternative, i) => parts.push(`Form ${i + 1}:`, fieldTable(alternative)));
    } else {
      parts.push(`**Request body** (${code(mediaType)}):`, fieldTable(schema));
    }
  }
  return parts;
}

function responseSchema(response: Operation['responses'][string]): {
  mediaType?: string;
  schema?: JsonSchema;
} {
  const [entry] = Object.entries(response.content ?? {});
  return entry === undefined ? {} : { mediaType: entry[0], schema: entry[1].schema };
}

/** Response statuses grouped by identical body: `400` `401` `403` → Error. */
function responsesSection(operation: Operation): string[] {
  const groups = new Map<string, string[]>();
  const details: string[] = [];
  for (const [status, response] of Object.entries(operation.responses)) {
    const { schema } = responseSchema(response);
    let body: string;
    if (schema === undefined) body = 'see the description';
    else if (isEmptyBody(schema)) body = 'no body';
    else if (schema.$ref !== undefined) body = typeOf(schema);
    else if (schema.properties !== undefined) {
      body = `object, fields below`;
      details.push(`**${code(status)} body:**`, fieldTable(schema));
    } else body = typeOf(schema);
    groups.set(body, [...(groups.get(body) ?? []), code(status)]);
  }
  const rows = [...groups].map(([body, statuses]) => [statuses.join(' '), body]);
  return ['**Responses:**', table(['Status', 'Body'], rows), ...details];
}

/** One operation: heading, summary, aliases, access, parameters, body, responses. */
export function renderOperation(
  method: string,
  path: string,
  operation: Operation,
  aliases: string[],
): string {
  const parts: string[] = [`#### ${method.toUpperCase()} ${path}`];
  if (operation.summary) parts.push(`${operation.summary}.`.replace(/\.\.$/, '.'));
  if (operation.description) parts.push(operation.description);
  if (aliases.length > 0) {
    parts.push(
      `Also at ${aliases.map((a) => code(`${method.toUpperCase()} ${a}`)).join(', ')} (the replaced system’s path).`,
    );
  }
  parts.push(`**Access:** ${accessSentence(operation)}`);
  const csrf = csrfSentence(operation);
  if (csrf !== undefined) parts.push(`**CSRF:** ${csrf}`);
  const parameters = operation.parameters ?? [];
  const pathParameters = parameters.filter((p) => p.in === 'path');
  const queryParameters = parameters.filter((p) => p.in === 'query');
  if (pathParameters.length > 0) parts.push('**Path parameters:**', parameterTable(pathParameters));
  if (queryParameters.length > 0) parts.push('**Query parameters:**', parameterTable(queryParameters));
  parts.push(...requestBodySection(operation), ...responsesSection(operation));
  return parts.join('\n\n');
}
