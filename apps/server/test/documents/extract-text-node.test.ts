// The worker pool outside Vitest: under `node --import tsx` and under tsx's register() (how the
// textai CLI runs), a worker started from a .ts module must load, and after close() nothing may keep
// the process alive. Worker threads do not show in process.getActiveResourcesInfo(), so exiting on
// its own is the check; the --no-close run shows that an open extractor would keep it alive.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const script = fileURLToPath(new URL('./extract-script.ts', import.meta.url));
const launcher = fileURLToPath(new URL('./register-launcher.mjs', import.meta.url));
const EXPECTED = [
  { text: 'PDF under Node', kind: 'pdf', pages: 1 },
  { text: 'DOCX under Node', kind: 'docx' },
  { text: 'TXT under Node', kind: 'txt' },
];

interface Run {
  child: ChildProcess;
  /** Resolves with the first line printed on stdout. */
  firstLine: Promise<string>;
  /** Resolves with the exit code, or null when the process was still running after `ms`. */
  exitWithin(ms: number): Promise<number | null>;
  stderr(): string;
}

function start(args: string[]): Run {
  // Run from the repository root, where `--import tsx` resolves; a copy of the environment without
  // Vitest's own variables, so the child is plain Node.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? -1)));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const end = stdout.indexOf('\n');
      if (end >= 0) resolve(stdout.slice(0, end));
    });
    void exited.then(() => reject(new Error(`exited without output: ${stderr}`)));
  });
  firstLine.catch(() => undefined);
  return {
    child,
    firstLine,
    exitWithin: (ms) =>
      Promise.race([exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]),
    stderr: () => stderr,
  };
}

describe('text extraction under plain Node', () => {
  it.each([
    ['node --import tsx', ['--import', 'tsx', script]],
    ["tsx's register()", [launcher]],
  ])('works under %s and exits by itself after close()', async (_label, args) => {
    const run = start(args);
    try {
      expect(JSON.parse(await run.firstLine)).toEqual(EXPECTED);
      expect(await run.exitWithin(10_000), run.stderr()).toBe(0);
    } finally {
      run.child.kill();
    }
  });

  it('is kept alive by an extractor that was not closed (the check above can fail)', async () => {
    const run = start(['--import', 'tsx', script, '--no-close']);
    try {
      expect(JSON.parse(await run.firstLine)).toEqual(EXPECTED);
      expect(await run.exitWithin(1_500)).toBeNull();
    } finally {
      run.child.kill();
    }
  });
});
