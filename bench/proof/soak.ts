/**
 * Proof, soak: the mixed workload (50 virtual users, session + CSRF) for PROOF_SOAK_MINUTES
 * (default 10) against one real `textai serve`, its resident memory sampled every 5 s. "Warm" is
 * the end of the first minute (half the run when it is shorter than 2 minutes; V8's heap is still
 * growing to its working size in the first seconds, so too early a "warm" reads as growth): there
 * the load pauses, every client connection closes, and the server's open handles, requests and file
 * descriptors (from its /metrics, behind METRICS_TOKEN) and memory are read; the same again once
 * the load has stopped at the end. Promises: RSS growth under load from warm to end ≤ 10% (medians
 * of the samples at the start and at the end of the rest of the run); handles, requests and file
 * descriptors back to their warm level (± a small constant); no errors; histories exact.
 * Exits 1 when one is broken.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { recordFigures, type ProofFigure } from '../../apps/server/test/proof/figures.ts';
import { rssMb } from '../support/rss.ts';
import { startTextaiServer, type TextaiServer } from '../support/server-process.ts';
import { checkHistories, runWorkload, signUpUsers, WorkloadStats } from './mixed-workload.ts';
import { openResources, scrapeMetrics, type OpenResources } from './server-metrics.ts';
import {
  historyFigure,
  MIXED_SERVER_ENV,
  MIXED_SETTINGS_FIGURE,
  workloadFigures,
} from './workload-figures.ts';

const MINUTES = Number(process.env['PROOF_SOAK_MINUTES'] ?? 10);
const VIRTUAL_USERS = 50;
const SAMPLE_EVERY_MS = 5000;
const MAX_RSS_GROWTH = 0.1;
/** Open handles may differ by a few between two idle moments (a timer due, a pool's spare). */
const HANDLE_SLACK = 3;

interface Idle {
  rss: number;
  open: OpenResources;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Closes every client connection, lets the server see it, then reads RSS and open resources. */
async function idleReading(server: TextaiServer, agent: http.Agent, token: string): Promise<Idle> {
  agent.destroy();
  await sleep(2000);
  const rss: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    rss.push(rssMb(server.pid));
    await sleep(500);
  }
  return { rss: median(rss), open: await openResources(server.base, token) };
}

function describe(open: OpenResources): string {
  return `${open.handles} handles, ${open.requests} requests, ${open.fds} fds`;
}

function describeMemory(idle: Idle): string {
  const { heapUsedMb, externalMb } = idle.open;
  return `${idle.rss.toFixed(0)} MB (V8 heap used ${heapUsedMb.toFixed(0)} MB, external ${externalMb.toFixed(0)} MB)`;
}

export async function runSoak(minutes = MINUTES): Promise<ProofFigure[]> {
  const token = randomBytes(24).toString('hex');
  const server = await startTextaiServer({ ...MIXED_SERVER_ENV, METRICS_TOKEN: token });
  const samples: { atS: number; rss: number }[] = [];
  const started = performance.now();
  const sampler = setInterval(
    () => samples.push({ atS: (performance.now() - started) / 1000, rss: rssMb(server.pid) }),
    SAMPLE_EVERY_MS,
  );
  try {
    const rssAtStart = rssMb(server.pid);
    const unauthorised = await scrapeMetrics(server.base);
    const wrongToken = await scrapeMetrics(server.base, 'not-the-token');
    const stats = new WorkloadStats();
    let agent = new http.Agent({ keepAlive: true });
    const users = await signUpUsers(server.base, agent, VIRTUAL_USERS, stats);
    const totalMs = minutes * 60_000;
    const warmMs = Math.min(60_000, totalMs / 2);
    await runWorkload(users, agent, warmMs, stats);
    const warm = await idleReading(server, agent, token);
    agent = new http.Agent({ keepAlive: true });
    const loadFromS = (performance.now() - started) / 1000;
    await runWorkload(users, agent, totalMs - warmMs, stats);
    const loadToS = (performance.now() - started) / 1000;
    const differing = await checkHistories(users, stats);
    const end = await idleReading(server, agent, token);
    // Growth is judged under load on medians over a window (a minute, or a third of a shorter
    // run) at the start of the post-warm load and at its end: one reading lands anywhere on the
    // garbage collector's sawtooth (the V8 heap alone swings by tens of MB), a median does not.
    const windowS = Math.min(60, (loadToS - loadFromS) / 3);
    const within = (fromS: number, toS: number) =>
      samples.filter((s) => s.atS >= fromS && s.atS <= toS).map((s) => s.rss);
    const warmWindow = within(loadFromS, loadFromS + windowS);
    const endWindow = within(loadToS - windowS, loadToS);
    const growth = (median(endWindow) - median(warmWindow)) / median(warmWindow);
    const series = samples.map((s) => s.rss);
    const byMinute = new Map<number, number>();
    for (const s of samples)
      byMinute.set(Math.floor(s.atS / 60), Math.max(byMinute.get(Math.floor(s.atS / 60)) ?? 0, s.rss));
    const backToWarm =
      end.open.handles <= warm.open.handles + HANDLE_SLACK &&
      end.open.requests <= warm.open.requests + HANDLE_SLACK &&
      end.open.fds <= warm.open.fds + HANDLE_SLACK;
    return [
      MIXED_SETTINGS_FIGURE,
      { name: 'duration; warm at', value: `${minutes} min; ${(warmMs / 1000).toFixed(0)} s` },
      {
        name: '/metrics without / with a wrong METRICS_TOKEN',
        value: `${unauthorised.status} / ${wrongToken.status}`,
        target: '401 / 401',
        ok: unauthorised.status === 401 && wrongToken.status === 401,
      },
      { name: 'RSS at start (ready, idle)', value: `${rssAtStart.toFixed(0)} MB` },
      { name: 'memory warm (load paused, connections closed)', value: describeMemory(warm) },
      { name: 'memory at the end (load stopped, connections closed)', value: describeMemory(end) },
      {
        name: `RSS under load, median of the first / last ${windowS.toFixed(0)} s after warm`,
        value: `${median(warmWindow).toFixed(0)} / ${median(endWindow).toFixed(0)} MB (${warmWindow.length} / ${endWindow.length} samples)`,
      },
      {
        name: 'RSS growth under load, warm to end (those medians)',
        value: `${(growth * 100).toFixed(1)} %`,
        target: `≤ ${MAX_RSS_GROWTH * 100} %`,
        ok: warmWindow.length > 0 && endWindow.length > 0 && growth <= MAX_RSS_GROWTH,
      },
      {
        name: `RSS series (every ${SAMPLE_EVERY_MS / 1000} s): samples, min / median / max`,
        value: `${series.length}, ${Math.min(...series).toFixed(0)} / ${median(series).toFixed(0)} / ${Math.max(...series).toFixed(0)} MB`,
      },
      {
        name: 'RSS peak by minute',
        value: [...byMinute.values()].map((mb) => mb.toFixed(0)).join(' ') + ' MB',
      },
      { name: 'open, warm', value: describe(warm.open) },
      {
        name: 'open, at the end',
        value: describe(end.open),
        target: `≤ warm + ${HANDLE_SLACK} each`,
        ok: backToWarm,
      },
      { name: 'virtual users at once', value: VIRTUAL_USERS },
      ...workloadFigures(stats),
      historyFigure(users.length, differing),
    ];
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await runSoak();
  recordFigures('soak', figures);
  process.exitCode = figures.some((f) => f.ok === false) ? 1 : 0;
}
