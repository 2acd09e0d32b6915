import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../cli/helpers.ts';
import { commandUnavailableReason, forcedExitAfterMs, readDeployFile } from './deploy-files.ts';

/** A unit file's settings: section → key → every value given (keys may repeat). */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current = new Map<string, string[]>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(\w+)\]$/.exec(line);
    if (section) {
      current = new Map();
      sections.set(section[1]!, current);
      continue;
    }
    const [key = '', ...value] = line.split('=');
    current.set(key, [...(current.get(key) ?? []), value.join('=')]);
  }
  return sections;
}

const UNITS = [
  { file: 'systemd/textai.service', command: 'serve', graceMs: forcedExitAfterMs('server.ts') },
  { file: 'systemd/textai-worker.service', command: 'worker', graceMs: forcedExitAfterMs('worker.ts') },
];

describe.each(UNITS)('deploy/$file', ({ file, command, graceMs }) => {
  const service = parseUnit(readDeployFile(file)).get('Service')!;
  const one = (key: string) => service.get(key)?.at(-1);

  it(`runs \`textai ${command}\` as a dedicated user with its settings from a root-only file`, () => {
    expect(one('User')).toBe('textai');
    expect(one('Group')).toBe('textai');
    expect(one('WorkingDirectory')).toBe('/opt/textai');
    expect(one('EnvironmentFile')).toBe('/etc/textai/textai.env');
    expect(one('ExecStart')).toBe(`/usr/bin/node /opt/textai/apps/server/bin/textai.js ${command}`);
    expect(one('Restart')).toBe('on-failure');
  });

  it('waits longer than the process takes to finish its work after SIGTERM', () => {
    expect(one('KillSignal')).toBe('SIGTERM');
    expect(Number(/^(\d+)s$/.exec(one('TimeoutStopSec') ?? '')?.[1]) * 1000).toBeGreaterThan(graceMs);
  });

  it('is hardened, with the data folder its only writable place', () => {
    for (const [key, value] of Object.entries({
      NoNewPrivileges: 'yes',
      ProtectSystem: 'strict',
      ProtectHome: 'yes',
      PrivateTmp: 'yes',
      PrivateDevices: 'yes',
      UMask: '0077',
      StateDirectoryMode: '0700',
      CapabilityBoundingSet: '',
    }))
      expect(one(key), key).toBe(value);
    const dataDir = /DATA_DIR=(\S+)/.exec(one('Environment') ?? '')?.[1];
    expect(dataDir).toBe('/var/lib/textai');
    expect(service.get('ReadWritePaths')).toEqual([dataDir]);
    expect(one('StateDirectory')).toBe('textai');
    // V8 compiles to machine code in writable memory: MemoryDenyWriteExecute would kill Node.
    expect(service.has('MemoryDenyWriteExecute')).toBe(false);
  });
});

const analyzeReason = commandUnavailableReason('systemd-analyze', ['--version']);
if (analyzeReason !== null) console.warn(`systemd units: systemd-analyze checks skipped: ${analyzeReason}`);

/**
 * systemd's own checks, on copies whose paths point at this checkout and this Node.js (verify
 * insists that ExecStart's program exists).
 */
describe.skipIf(analyzeReason !== null)('systemd-analyze', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'textai-units-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const copies = UNITS.map(({ file }) => {
    const copy = path.join(dir, path.basename(file));
    const text = readDeployFile(file)
      .replace('/usr/bin/node /opt/textai/', `${process.execPath} ${REPO_ROOT.replace(/\/$/, '')}/`)
      .replace(/^WorkingDirectory=.*$/m, `WorkingDirectory=${REPO_ROOT}`);
    writeFileSync(copy, text);
    return copy;
  });

  it('verifies both units without a complaint', () => {
    const result = spawnSync('systemd-analyze', ['verify', ...copies], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  // `security --offline` came with systemd 250.
  const offline = (spawnSync('systemd-analyze', ['--help'], { encoding: 'utf8' }).stdout ?? '').includes(
    '--offline',
  );
  it.skipIf(!offline)('rates both units as low exposure', () => {
    const result = spawnSync('systemd-analyze', ['security', '--offline=yes', '--no-pager', ...copies], {
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    const levels = [...result.stdout.matchAll(/Overall exposure level for \S+: ([\d.]+)/g)].map((m) =>
      Number(m[1]),
    );
    expect(levels).toHaveLength(2);
    for (const level of levels) expect(level).toBeLessThan(2);
  });
});
