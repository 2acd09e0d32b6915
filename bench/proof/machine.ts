/** What the proof ran on, for the report: CPU, cores, memory, Node, OS, and how busy it was. */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memory: string;
  node: string;
  os: string;
  loadAverage: string;
}

function distribution(): string {
  try {
    return /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '';
  } catch {
    return ''; // not Linux, or no os-release
  }
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  const distro = distribution();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    os: `${distro === '' ? os.type() : distro}, kernel ${os.release()} (${os.arch()})`,
    loadAverage: os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' / '),
  };
}
