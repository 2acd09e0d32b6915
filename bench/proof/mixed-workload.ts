/**
 * The mixed workload of the proof's mixed and soak parts: virtual users in a browser's shoes,
 * each through the real cookie session and CSRF path. Each signs up (from its own client address
 * in X-Forwarded-For, so the real signup and login throttles apply per user, as behind a proxy),
 * then loops until time is up: tool calls, history list and one entry, and now and then a logout
 * and a fresh login. Every answer is checked for its expected status; every user's tool calls are
 * counted so that its history can be checked against them at the end.
 */
import type http from 'node:http';
import { SessionClient, type Reply } from '../support/session-client.ts';
import { LatencyLog } from './percentiles.ts';
import { TOOL_BODIES, TOOLS } from './tool-bodies.ts';

const PASSWORD = 'a mixed-workload passphrase';
/** The share of loop steps that log out and back in: rare, as in a browser, and bcrypt is costly. */
const RELOGIN_SHARE = 0.005;

export const OP_KINDS = [
  'signup',
  'csrf',
  'tool call',
  'history list',
  'history entry',
  'logout',
  'login',
  'history check',
] as const;
export type OpKind = (typeof OP_KINDS)[number];

export interface VirtualUser {
  username: string;
  client: SessionClient;
  /** Tool calls the server answered with 200: each must be one history entry. */
  toolCalls: number;
  lastEntryId?: string;
}

export class WorkloadStats {
  readonly latencies = new Map<OpKind, LatencyLog>(OP_KINDS.map((kind) => [kind, new LatencyLog()]));
  readonly errorsByKind = new Map<OpKind | 'network', number>();
  readonly errorSamples: string[] = [];
  /** Wall-clock time spent running the workload loop (not setup), for ops per second. */
  loopMs = 0;

  get errors(): number {
    return [...this.errorsByKind.values()].reduce((a, b) => a + b, 0);
  }

  /** Records one answer; false (and an error) when its status is not the expected one. */
  check(kind: OpKind, reply: Reply, expected: number): boolean {
    this.latencies.get(kind)?.add(reply.ms);
    if (reply.status === expected) return true;
    this.error(kind, `${kind}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
    return false;
  }

  error(kind: OpKind | 'network', message: string): void {
    this.errorsByKind.set(kind, (this.errorsByKind.get(kind) ?? 0) + 1);
    if (this.errorSamples.length < 10) this.errorSamples.push(message);
  }
}

function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
}

/** Signs up `count` users at once, user i from client address 10.77.x.y. */
export async function signUpUsers(
  base: string,
  agent: http.Agent,
  count: number,
  stats: WorkloadStats,
  prefix = 'vu',
): Promise<VirtualUser[]> {
  const users = Array.from({ length: count }, (_, i) => ({
    username: `${prefix}${i}`,
    client: new SessionClient(base, agent, `10.77.${Math.floor(i / 250)}.${(i % 250) + 1}`),
    toolCalls: 0,
  }));
  await Promise.all(
    users.map(async (user) => {
      // The token's fetch is checked but not timed: the loop's csrf figures are its own.
      const csrf = await user.client.fetchCsrf();
      if (csrf.status !== 200) stats.error('csrf', `csrf: ${csrf.status}`);
      else stats.check('signup', await user.client.signup(user.username, PASSWORD), 201);
    }),
  );
  return users;
}

async function step(user: VirtualUser, stats: WorkloadStats): Promise<void> {
  const { client } = user;
  const roll = Math.random();
  if (roll < RELOGIN_SHARE) {
    stats.check('logout', await client.logout(), 204);
    stats.check('csrf', await client.fetchCsrf(), 200);
    stats.check('login', await client.login(user.username, PASSWORD), 200);
  } else if (roll < 0.65) {
    const tool = pick(TOOLS);
    if (
      stats.check('tool call', await client.request('POST', `/api/v1/${tool}`, pick(TOOL_BODIES[tool])), 200)
    )
      user.toolCalls += 1;
  } else if (roll < 0.85 || user.lastEntryId === undefined) {
    const reply = await client.request('GET', `/api/v1/history?limit=10&tool=${pick(TOOLS)}`);
    if (stats.check('history list', reply, 200)) {
      const first = (reply.body as { data: { id: string }[] }).data[0];
      if (first !== undefined) user.lastEntryId = first.id;
    }
  } else {
    stats.check('history entry', await client.request('GET', `/api/v1/history/${user.lastEntryId}`), 200);
  }
}

/** Every user loops until `durationMs` have passed; answers are checked and timed into `stats`. */
export async function runWorkload(
  users: readonly VirtualUser[],
  agent: http.Agent,
  durationMs: number,
  stats: WorkloadStats,
): Promise<void> {
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    users.map(async (user) => {
      user.client.agent = agent;
      while (performance.now() < deadline) {
        try {
          await step(user, stats);
        } catch (error) {
          stats.error('network', `network: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }),
  );
  stats.loopMs += performance.now() - started;
}

/** Each user's history total against the tool calls it made; returns the users that differ. */
export async function checkHistories(users: readonly VirtualUser[], stats: WorkloadStats): Promise<string[]> {
  const differing: string[] = [];
  for (const user of users) {
    const reply = await user.client.request('GET', '/api/v1/history?limit=1');
    if (!stats.check('history check', reply, 200)) continue;
    const total = (reply.body as { pagination: { total: number } }).pagination.total;
    if (total !== user.toolCalls)
      differing.push(`${user.username}: ${total} entries, ${user.toolCalls} calls`);
  }
  return differing;
}
