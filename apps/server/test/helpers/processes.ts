import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN, REPO_ROOT } from '../cli/helpers.ts';

/** A `textai` child process (server or worker) whose JSON log lines the test reads. */
export interface TextaiProcess {
  child: ChildProcessWithoutNullStreams;
  /** Every stdout and stderr line so far. */
  lines: string[];
  /** Resolves with the first line (past or future) matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startTextai(args: readonly string[], env: Record<string, string>): TextaiProcess {
  return startNode([BIN, ...args], env);
}

/** `node …nodeArgs` from the repository root (e.g. `--import tsx script.ts`), read like startTextai. */
export function startNode(nodeArgs: readonly string[], env: Record<string, string>): TextaiProcess {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', TZ: 'UTC', ...env },
    stdio: 'pipe',
  });
  const lines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        for (const listener of listeners) listener(line);
      }
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    lines,
    exited,
    waitFor(pattern, timeoutMs = 60_000) {
      const seen = lines.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(
            new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${lines.join('\n')}`),
          );
        }, timeoutMs);
        const listener = (line: string) => {
          if (!pattern.test(line)) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(line);
        };
        listeners.add(listener);
        void exited.then(({ code, signal }) => {
          if (!listeners.has(listener)) return;
          clearTimeout(timer);
          listeners.delete(listener);
          reject(
            new Error(`process exited (${code ?? signal}) before ${pattern}; output:\n${lines.join('\n')}`),
          );
        });
      });
    },
  };
}

/**
 * Starts `textai serve` on a free loopback port and resolves with its base URL once ready;
 * `nodeArgs` go to node before the CLI (e.g. `--import` of a fault test's preload).
 */
export async function startServerProcess(
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): Promise<{ process: TextaiProcess; url: string }> {
  const server = startNode([...nodeArgs, BIN, 'serve'], {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    ...env,
  });
  let ready: string;
  try {
    ready = await server.waitFor(/TextAI Studio is ready/, 90_000);
  } catch (error) {
    server.child.kill('SIGKILL'); // never left running when it did not become ready
    throw error;
  }
  const url = (JSON.parse(ready) as { url: string }).url;
  return { process: server, url };
}

/** Logs in over real HTTP (CSRF cookie flow) and creates an API key with every scope. */
export async function apiKeyFor(baseUrl: string, username: string, password: string): Promise<string> {
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) cookies.set(name.trim(), value.join('='));
    }
  };
  const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrfResponse = await fetch(`${baseUrl}/api/v1/auth/csrf`);
  keep(csrfResponse);
  let csrf = ((await csrfResponse.json()) as { csrf_token: string }).csrf_token;
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookie(), 'x-csrf-token': csrf },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  keep(login);
  csrf = ((await login.json()) as { csrf_token: string }).csrf_token;
  const key = await fetch(`${baseUrl}/api/v1/keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookie(), 'x-csrf-token': csrf },
    body: JSON.stringify({ name: 'test', scopes: ['tools', 'batch', 'history'] }),
  });
  if (key.status !== 201) throw new Error(`key creation failed: ${key.status} ${await key.text()}`);
  return ((await key.json()) as { key: string }).key;
}
