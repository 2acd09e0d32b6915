/**
 * `npm run proof [-- --quick] [-- load mixed soak tests]`: runs the proof's parts one after
 * another, each in its own process (load, mixed workload, soak, then the proof tests under
 * apps/server/test/proof with more fuzz cases), collects the figures each recorded, writes
 * reports/proof.md, and exits 1 if any promise was broken. On demand, never in CI.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { ROOT } from '../support/server-process.ts';
import { describeMachine } from './machine.ts';
import { allKept, renderReport, type RecordedFigure, type SectionRun } from './report.ts';

const PARTS = ['load', 'mixed', 'soak', 'tests'] as const;
type Part = (typeof PARTS)[number];
const SCRIPT_SECTIONS: readonly string[] = ['load', 'mixed', 'soak'];
const PROOF_TESTS = 'apps/server/test/proof';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const unknown = args.filter((a) => a !== '--quick' && !(PARTS as readonly string[]).includes(a));
if (unknown.length > 0) {
  console.error(
    `unknown argument ${unknown.join(' ')}; usage: npm run proof -- [--quick] [${PARTS.join(' ')}]`,
  );
  process.exit(2);
}
const chosen = PARTS.filter((part) => args.includes(part));
const parts: readonly Part[] = chosen.length > 0 ? chosen : PARTS;

// Durations as the mode says, unless set in the environment (e.g. PROOF_SOAK_MINUTES=3). The quick
// soak is 2 minutes: its warm point is the end of the first, before which the heap is still growing.
const defaults = quick
  ? { PROOF_LOAD_SECONDS: '10', PROOF_MIXED_SECONDS: '20', PROOF_SOAK_MINUTES: '2', PROOF_SCALE: '1' }
  : { PROOF_LOAD_SECONDS: '60', PROOF_MIXED_SECONDS: '60', PROOF_SOAK_MINUTES: '10', PROOF_SCALE: '10' };
const durations = Object.fromEntries(
  Object.entries(defaults).map(([name, value]) => [name, process.env[name] ?? value]),
) as typeof defaults;
const settings =
  `${quick ? 'quick run' : 'full run'} — load ${durations.PROOF_LOAD_SECONDS} s per endpoint, ` +
  `mixed workload ${durations.PROOF_MIXED_SECONDS} s, soak ${durations.PROOF_SOAK_MINUTES} min, ` +
  `proof tests at PROOF_SCALE=${durations.PROOF_SCALE}`;

/** Runs one command, its output passed through and its tail kept (repository path made relative). */
function runPart(part: Part, command: string, commandArgs: readonly string[], env: NodeJS.ProcessEnv) {
  const started = performance.now();
  return new Promise<SectionRun>((resolve) => {
    const child = spawn(command, commandArgs, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (chunk: Buffer, to: NodeJS.WriteStream) => {
      to.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', (chunk: Buffer) => keep(chunk, process.stdout));
    child.stderr.on('data', (chunk: Buffer) => keep(chunk, process.stderr));
    child.on('close', (code, signal) =>
      resolve({
        part,
        exitCode: code ?? (signal === null ? 1 : 128),
        seconds: (performance.now() - started) / 1000,
        outputTail: stripVTControlCharacters(tail).split(ROOT).join('./').split('\n').slice(-25).join('\n'),
      }),
    );
  });
}

function proofTestFiles(): string[] {
  const dir = path.join(ROOT, PROOF_TESTS);
  return existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.ts'))
    : [];
}

function readFigures(dir: string): RecordedFigure[] {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')) : [];
  const figures = files.flatMap((file) =>
    readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as RecordedFigure),
  );
  // The load, mixed and soak parts first, in that order; then the tests' sections by name.
  const rank = (section: string) => {
    const at = SCRIPT_SECTIONS.indexOf(section);
    return at === -1 ? SCRIPT_SECTIONS.length : at;
  };
  return figures.sort((a, b) => rank(a.section) - rank(b.section) || a.section.localeCompare(b.section));
}

const startedAt = new Date();
const machine = describeMachine();
const figuresDir = mkdtempSync(path.join(tmpdir(), 'textai-proof-'));
// Colours off: the tail of a failed part's output goes into the report.
const env = { ...process.env, ...durations, PROOF_FIGURES_DIR: figuresDir, TZ: 'UTC', NO_COLOR: '1' };
const runs: SectionRun[] = [];
try {
  for (const part of parts) {
    console.log(`\n=== proof: ${part} ===`);
    if (part !== 'tests') {
      runs.push(await runPart(part, process.execPath, ['--import', 'tsx', `bench/proof/${part}.ts`], env));
    } else if (proofTestFiles().length === 0) {
      console.log(`no proof tests under ${PROOF_TESTS}`);
      runs.push({ part, exitCode: 1, seconds: 0, outputTail: `no *.test.ts files under ${PROOF_TESTS}` });
    } else {
      const vitest = path.join(ROOT, 'node_modules/.bin/vitest');
      runs.push(await runPart(part, vitest, ['run', PROOF_TESTS], env));
    }
  }
  const figures = readFigures(figuresDir);
  const command = `npm run proof${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
  const minutes = (Date.now() - startedAt.getTime()) / 60_000;
  const report = renderReport({ startedAt, minutes, command, settings, machine, runs, figures });
  mkdirSync(path.join(ROOT, 'reports'), { recursive: true });
  writeFileSync(path.join(ROOT, 'reports/proof.md'), report);
  const kept = allKept({ runs, figures });
  console.log(`\nreports/proof.md written: ${kept ? 'every promise kept' : 'PROMISE BROKEN'}`);
  process.exitCode = kept ? 0 : 1;
} finally {
  rmSync(figuresDir, { recursive: true, force: true });
}
