import type { ProofFigure } from '../../apps/server/test/proof/figures.ts';
import { ms } from './percentiles.ts';
import { OP_KINDS, type OpKind, type WorkloadStats } from './mixed-workload.ts';

/** The server settings the mixed workload and the soak run with, and why. */
export const MIXED_SERVER_ENV = {
  // Every virtual user comes from its own address in X-Forwarded-For, believed from loopback only:
  // the signup (SIGNUP_IP_LIMIT) and login throttles run at their defaults, per user.
  TRUST_PROXY: '127.0.0.1',
  // Rate limiting stays on, raised so that it counts every call but refuses none.
  USER_RATE_LIMIT: '1000000000',
};

export const MIXED_SETTINGS_FIGURE: ProofFigure = {
  name: 'settings',
  value:
    'session cookie + CSRF; TRUST_PROXY=127.0.0.1 with one X-Forwarded-For per user (signup and ' +
    'login throttles at their defaults); USER_RATE_LIMIT=1e9; history on',
};

const LOOP_KINDS = new Set<OpKind>(['csrf', 'tool call', 'history list', 'history entry', 'logout', 'login']);

/** Ops per second and p50/p95/p99 by kind, and the errors (promise: none). */
export function workloadFigures(stats: WorkloadStats): ProofFigure[] {
  const seconds = stats.loopMs / 1000;
  const figures: ProofFigure[] = [];
  let total = 0;
  for (const kind of OP_KINDS) {
    const log = stats.latencies.get(kind);
    if (log === undefined || log.count === 0) continue;
    // Signups come before the loop and the history check after it: no rate for those.
    const rate = LOOP_KINDS.has(kind) ? `, ${(log.count / seconds).toFixed(1)}/s` : '';
    if (LOOP_KINDS.has(kind)) total += log.count;
    figures.push({
      name: `${kind}: count${rate === '' ? '' : ', per second'}; p50 / p95 / p99`,
      value: `${log.count}${rate}; ${ms(log.percentile(50))} / ${ms(log.percentile(95))} / ${ms(log.percentile(99))}`,
    });
  }
  figures.unshift({
    name: 'requests in the loop, all kinds',
    value: `${total} in ${seconds.toFixed(0)} s: ${(total / seconds).toFixed(1)}/s`,
  });
  const byKind = [...stats.errorsByKind].map(([kind, count]) => `${kind} ${count}`).join(', ');
  figures.push({
    name: 'errors (unexpected status or network error)',
    value: stats.errors === 0 ? 0 : `${stats.errors} (${byKind}); e.g. ${stats.errorSamples[0] ?? ''}`,
    target: '0',
    ok: stats.errors === 0,
  });
  return figures;
}

export function historyFigure(users: number, differing: readonly string[]): ProofFigure {
  return {
    name: 'users whose history count ≠ their answered tool calls',
    value:
      differing.length === 0
        ? `0 of ${users}`
        : `${differing.length} of ${users}: ${differing.slice(0, 3).join('; ')}`,
    target: '0',
    ok: differing.length === 0,
  };
}
