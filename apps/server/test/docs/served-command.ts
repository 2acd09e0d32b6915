import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** A long-running command from a document (`npm start`), running in its own process group. */
export interface ServedCommand {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

/**
 * Starts `bash -c command` and waits until `url`/readyz answers 200. Stopping sends SIGTERM to
 * the whole group (npm and the server under it) and waits for the exit; SIGKILL after 30 s.
 */
export async function startServedCommand(
  command: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; url: string; timeoutMs: number },
): Promise<ServedCommand> {
  const child: ChildProcess = spawn('bash', ['-c', command], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let done = false;
  void exited.then(() => (done = true));
  const signal = (name: NodeJS.Signals) => {
    if (child.pid !== undefined && !done) process.kill(-child.pid, name);
  };
  const stop = async () => {
    signal('SIGTERM');
    const killer = setTimeout(() => signal('SIGKILL'), 30_000);
    await exited;
    clearTimeout(killer);
  };
  const deadline = Date.now() + options.timeoutMs;
  while (!(await ready(options.url))) {
    if (done || Date.now() > deadline) {
      await stop();
      throw new Error(`\`${command}\` did not become ready at ${options.url}/readyz; output:\n${output}`);
    }
    await sleep(250);
  }
  return { url: options.url, output: () => output, stop };
}
