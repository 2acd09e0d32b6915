import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { OperationAccess } from '../../../src/plugins/openapi-access.ts';
import { recordFigures } from '../figures.ts';

/** One operation of the app, as its OpenAPI document states it (derived from the routes). */
export interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The path with `{param}` placeholders, e.g. /api/v1/history/{id}. */
  path: string;
  access: OperationAccess;
}

type OpenApiDocument = { paths: Record<string, Record<string, { 'x-access'?: OperationAccess }>> };

/** Every operation the app serves under /api, so that a route added later is probed too. */
export function operationsOf(app: FastifyInstance): Operation[] {
  const document = app.swagger() as unknown as OpenApiDocument;
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const access = operation['x-access'];
      if (access === undefined) throw new Error(`${method} ${path} states no access`);
      operations.push({ method: method.toUpperCase() as Operation['method'], path, access });
    }
  }
  if (operations.length < 30) throw new Error(`only ${operations.length} operations found`);
  return operations;
}

/** The path with its placeholders filled from `ids`; `{tool}` as sentiment, any other as a fresh UUID. */
export function fill(path: string, ids: Record<string, string> = {}): string {
  return path.replace(
    /\{([^}]+)\}/g,
    (_, name: string) => ids[name] ?? (name === 'tool' ? 'sentiment' : crypto.randomUUID()),
  );
}

export function describeOperation(operation: Operation): string {
  return `${operation.method} ${operation.path}`;
}

/** The error envelope with the given status and code, served as JSON (never HTML). */
export function expectEnvelope(response: LightMyRequestResponse, status: number, code: string): void {
  expect(response.statusCode, response.body.slice(0, 300)).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.json()).toMatchObject({ code, error: expect.any(String), request_id: expect.any(String) });
}

/**
 * A probe group's tally: each check runs, a failing check is kept with its reason rather than
 * stopping the rest, and the group ends by recording "checks run, failures" and asserting none.
 */
export class ProbeTally {
  private checks = 0;
  private readonly failures: string[] = [];

  constructor(private readonly group: string) {}

  async check(name: string, probe: () => Promise<void> | void): Promise<void> {
    this.checks += 1;
    try {
      await probe();
    } catch (error) {
      this.failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  get count(): number {
    return this.checks;
  }

  /** Records the group's figure and fails the test with every failed check listed. */
  finish(minimumChecks = 1): void {
    recordFigures('security', [
      {
        name: `${this.group}: checks run, failures`,
        value: `${this.checks} checks, ${this.failures.length} failures`,
        target: '0 failures',
        ok: this.failures.length === 0 && this.checks >= minimumChecks,
      },
    ]);
    expect(this.failures).toEqual([]);
    expect(this.checks).toBeGreaterThanOrEqual(minimumChecks);
  }
}
