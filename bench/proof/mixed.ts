/**
 * Proof, mixed workload: 50 virtual users at once through the real cookie session and CSRF path
 * (signup, CSRF token, tool calls, history list and entry, logout and login now and then) for
 * PROOF_MIXED_SECONDS (default 60) against one real `textai serve`. Promises: no errors, and at the
 * end every user's history holds exactly the tool calls it made. Exits 1 when one is broken.
 */
import http from 'node:http';
import { recordFigures, type ProofFigure } from '../../apps/server/test/proof/figures.ts';
import { startTextaiServer } from '../support/server-process.ts';
import { checkHistories, runWorkload, signUpUsers, WorkloadStats } from './mixed-workload.ts';
import {
  historyFigure,
  MIXED_SERVER_ENV,
  MIXED_SETTINGS_FIGURE,
  workloadFigures,
} from './workload-figures.ts';

const SECONDS = Number(process.env['PROOF_MIXED_SECONDS'] ?? 60);
export const VIRTUAL_USERS = 50;

export async function runMixed(seconds = SECONDS): Promise<ProofFigure[]> {
  const server = await startTextaiServer(MIXED_SERVER_ENV);
  const agent = new http.Agent({ keepAlive: true });
  try {
    const stats = new WorkloadStats();
    const users = await signUpUsers(server.base, agent, VIRTUAL_USERS, stats);
    await runWorkload(users, agent, seconds * 1000, stats);
    const differing = await checkHistories(users, stats);
    return [
      MIXED_SETTINGS_FIGURE,
      { name: 'virtual users at once', value: VIRTUAL_USERS },
      ...workloadFigures(stats),
      historyFigure(users.length, differing),
    ];
  } finally {
    agent.destroy();
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await runMixed();
  recordFigures('mixed', figures);
  process.exitCode = figures.some((f) => f.ok === false) ? 1 : 0;
}
