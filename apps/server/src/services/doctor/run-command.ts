import { spawn } from 'node:child_process';
import { SETTING_NAMES } from '../../config.ts';

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Output kept per stream; more is cut (doctor reads summaries, never megabytes). */
const MAX_OUTPUT_CHARS = 32 * 1024 * 1024;

/**
 * The environment for a child process: ours without TextAI's settings, so that no secret from
 * .env reaches git or npm (or whatever they log).
 */
export function childEnvironment(env: Readonly<Record<string, string | undefined>>): NodeJS.ProcessEnv {
  const names = new Set(SETTING_NAMES);
  return Object.fromEntries(Object.entries(env).filter(([name]) => !names.has(name)));
}

/**
 * Runs a program to its end (or until `signal` aborts it) and collects its output. Rejects only
 * when it cannot start: the error's `code` is ENOENT when the program is not installed.
 */
export function runCommand(
  program: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; signal: AbortSignal },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env,
      signal: options.signal,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < MAX_OUTPUT_CHARS) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < MAX_OUTPUT_CHARS) stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function isNotInstalled(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
