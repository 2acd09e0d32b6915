import { ERROR_CODES, errorEnvelope } from '@textai/contracts';

/** What every answer must be, whatever was sent: no 5xx, and every error in the one envelope. */
export interface Answer {
  status: number;
  contentType: string | undefined;
  body: string;
  method: string;
  /** The X-Request-Id response header, which the envelope's request_id must repeat. */
  requestId: string | undefined;
  /** X-Content-Type-Options, one of the security headers every response carries. */
  noSniff: string | undefined;
}

const KNOWN_CODES = new Set<string>(ERROR_CODES);

/** Why an answer breaks the fuzz's properties, or undefined when it keeps them. */
export function violationOf(answer: Answer): string | undefined {
  if (answer.status >= 500) return `status ${answer.status}: ${answer.body.slice(0, 300)}`;
  if (answer.noSniff !== 'nosniff') return `status ${answer.status} came without the security headers`;
  if (answer.status < 400 || answer.method === 'HEAD') return undefined;
  if (!(answer.contentType ?? '').startsWith('application/json')) {
    return `error ${answer.status} is ${answer.contentType ?? 'without a content type'}, not the JSON envelope: ${answer.body.slice(0, 200)}`;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return `error ${answer.status} body is not JSON: ${answer.body.slice(0, 200)}`;
  }
  const envelope = errorEnvelope.safeParse(parsed);
  if (!envelope.success) return `error ${answer.status} is not the envelope: ${answer.body.slice(0, 200)}`;
  if (!KNOWN_CODES.has(envelope.data.code))
    return `error code ${envelope.data.code} is not in the contract's list`;
  if (envelope.data.request_id !== answer.requestId) {
    return `request_id ${envelope.data.request_id} is not the X-Request-Id header (${answer.requestId ?? 'none'})`;
  }
  return undefined;
}

/** Counts of the run, for the figures and the final assertions. */
export class Tally {
  readonly byGroup = new Map<string, number>();
  readonly byIdentity = new Map<string, number>();
  readonly byRoute = new Map<string, number>();
  readonly byStatus = new Map<number, number>();
  total = 0;
  serverErrors = 0;
  envelopeViolations = 0;
  rateLimited = 0;
  readonly examples: string[] = [];

  count(route: string, group: string, identity: string, answer: Answer): string | undefined {
    this.total++;
    bump(this.byGroup, group);
    bump(this.byIdentity, identity);
    bump(this.byRoute, route);
    bump(this.byStatus, answer.status);
    if (answer.status === 429) this.rateLimited++;
    const violation = violationOf(answer);
    if (violation === undefined) return undefined;
    if (answer.status >= 500) this.serverErrors++;
    else this.envelopeViolations++;
    if (this.examples.length < 20) this.examples.push(`${route}: ${violation}`);
    return violation;
  }
}

function bump<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
