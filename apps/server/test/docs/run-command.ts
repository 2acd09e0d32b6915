import { spawn } from 'node:child_process';

export interface CommandRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * Runs a program to its end (or kills its whole process group at the timeout, so a command that
 * starts a server leaves nothing behind) and returns its exit status and output.
 */
export function runCommand(
  program: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number; stdin?: string },
): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: options.cwd, env: options.env, detached: true, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
    // A program that exits without reading its input closes the pipe: EPIPE is expected then.
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? '');
  });
}

/** Whether a program is on the PATH (`command -v`). */
export async function hasProgram(name: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const run = await runCommand('sh', ['-c', `command -v ${name}`], { cwd: '/', env, timeoutMs: 5000 });
  return run.code === 0;
}
