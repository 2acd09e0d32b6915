import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { closedLoopbackPort } from '../../helpers/ports.ts';

/**
 * A PostgreSQL server of the test's own — its own data folder and port — that the test may stop,
 * kill and start again. The machine's shared server (5432) is never touched. initdb and the server
 * refuse to run as root, so every command runs as the `postgres` user, on a folder it owns.
 */

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust auth). */
  url: string;
  port: number;
  /** Starts the server (again) on the same port and folder; resolves once it accepts connections. */
  start(): Promise<void>;
  /** pg_ctl stop: `fast` ends sessions and shuts down cleanly; `immediate` aborts like a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** SIGKILL to the postmaster and every one of its processes: a crash without any shutdown. */
  kill(): void;
  /** Stops the server if it runs and deletes its folder. */
  remove(): Promise<void>;
}

/** The newest installed server's bin folder, or undefined. */
function binFolder(): string | undefined {
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => existsSync(path.join(PG_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(PG_ROOT, versions[0], 'bin');
}

/** null when a private server can be made here, else why not (printed by the test that skips). */
export function privatePostgresUnavailableReason(): string | null {
  if (binFolder() === undefined) return `no PostgreSQL server binaries under ${PG_ROOT}`;
  if (!existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser')) return 'runuser is missing';
  if (process.getuid?.() !== 0) return 'not running as root (needed to run initdb as the postgres user)';
  try {
    userIds('postgres');
  } catch {
    return 'there is no postgres user';
  }
  return null;
}

function userIds(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) throw new Error(`no user ${name}`);
  return { uid: Number(uid), gid: Number(gid) };
}

function asPostgres(command: string, args: readonly string[], timeoutMs = 60_000) {
  return run('runuser', ['-u', 'postgres', '--', command, ...args], { timeout: timeoutMs });
}

/** PIDs of `root` and every process below it (the postmaster's backends and helpers). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/PID/stat is the parent's pid; the name (field 2) may contain spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i] ?? -1) ?? []));
  return tree;
}

export async function createPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binFolder();
  if (bin === undefined) throw new Error(`no PostgreSQL server binaries under ${PG_ROOT}`);
  const folder = mkdtempSync(path.join(tmpdir(), 'textai-private-pg-'));
  const { uid, gid } = userIds('postgres');
  chownSync(folder, uid, gid);
  const data = path.join(folder, 'data');
  const port = await closedLoopbackPort();
  const postmasterPid = (): number | undefined => {
    try {
      const pid = Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  };
  const running = () => {
    const pid = postmasterPid();
    return pid !== undefined && existsSync(`/proc/${pid}`);
  };
  // If the test process dies without its afterAll, the server must not outlive it.
  const killOnExit = () => {
    const pid = postmasterPid();
    if (pid !== undefined) for (const p of processTree(pid)) tryKill(p);
  };
  process.once('exit', killOnExit);

  await asPostgres(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '--encoding=UTF8',
    '--no-instructions',
  ]);
  const options = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${folder}'`,
    // A throwaway server: durability against power loss is not what these tests are about.
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c max_connections=60',
  ].join(' ');
  const pg: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      await asPostgres(path.join(bin, 'pg_ctl'), [
        'start',
        '-D',
        data,
        '-w',
        '-t',
        '60',
        '-l',
        path.join(folder, 'server.log'),
        '-o',
        options,
      ]);
    },
    async stop(mode = 'fast') {
      await asPostgres(path.join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', mode, '-w', '-t', '60']);
    },
    kill() {
      const pid = postmasterPid();
      if (pid === undefined) return;
      for (const p of processTree(pid)) tryKill(p);
    },
    async remove() {
      process.removeListener('exit', killOnExit);
      if (running()) await pg.stop('immediate').catch(() => pg.kill());
      rmSync(folder, { recursive: true, force: true });
    },
  };
  try {
    await pg.start();
  } catch (error) {
    await pg.remove();
    throw error;
  }
  return pg;
}

function tryKill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
