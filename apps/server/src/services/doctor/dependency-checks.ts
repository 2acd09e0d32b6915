import { existsSync } from 'node:fs';
import path from 'node:path';
import { childEnvironment, isNotInstalled, runCommand } from './run-command.ts';
import { outcome, pass, type DoctorCheck } from './types.ts';

const MINIMUM_NODE_MAJOR = 20;

interface AuditReport {
  metadata?: { vulnerabilities?: Partial<Record<'info' | 'low' | 'moderate' | 'high' | 'critical', number>> };
  message?: string;
  error?: { summary?: string };
}

/** npm's message names the registry URL; credentials in it (user:token@) must not be printed. */
function withoutCredentials(message: string): string {
  return message.replace(/\/\/[^/@\s]+@/g, '//');
}

const nodeVersion: DoctorCheck = {
  id: 'node-version',
  title: 'Node.js version',
  run() {
    const major = Number(process.versions.node.split('.')[0]);
    if (major >= MINIMUM_NODE_MAJOR) return pass(`Node.js ${process.versions.node}`);
    return outcome(
      'fail',
      `Node.js ${process.versions.node}`,
      `install Node.js ${MINIMUM_NODE_MAJOR} or a newer LTS`,
    );
  },
};

const npmAudit: DoctorCheck = {
  id: 'npm-audit',
  title: 'Known vulnerabilities (npm audit)',
  timeoutMs: 90_000,
  async run(ctx) {
    if (!existsSync(path.join(ctx.installRoot, 'package-lock.json'))) {
      return outcome(
        'warn',
        'no package-lock.json beside the installation: nothing to audit',
        'install with npm ci from the repository',
      );
    }
    let result;
    try {
      result = await runCommand('npm', ['audit', '--omit=dev', '--json'], {
        cwd: ctx.installRoot,
        env: childEnvironment(ctx.env),
        signal: ctx.signal,
      });
    } catch (error) {
      if (isNotInstalled(error))
        return outcome(
          'warn',
          'npm is not installed here: not audited',
          'run npm audit --omit=dev where npm is',
        );
      throw error;
    }
    let report: AuditReport;
    try {
      report = JSON.parse(result.stdout) as AuditReport;
    } catch {
      return outcome(
        'warn',
        `npm audit gave no report (exit status ${result.code})`,
        'run npm audit --omit=dev by hand',
      );
    }
    const counts = report.metadata?.vulnerabilities;
    if (counts === undefined) {
      // No registry, or one without the audit endpoint (a mirror): not this deployment's fault.
      const why = withoutCredentials(report.message ?? report.error?.summary ?? 'no answer').slice(0, 200);
      return outcome(
        'warn',
        `the registry's audit service could not be reached: ${why}`,
        'run npm audit --omit=dev where the registry is reachable',
      );
    }
    const serious = (counts.critical ?? 0) + (counts.high ?? 0);
    const moderate = counts.moderate ?? 0;
    const summary = `${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${moderate} moderate, ${counts.low ?? 0} low in production dependencies`;
    const fix = 'npm audit --omit=dev for details; update the packages (npm audit fix) and test';
    if (serious > 0) return outcome(ctx.severe, summary, fix);
    if (moderate > 0) return outcome('warn', summary, fix);
    return pass(summary);
  },
};

export const dependencyChecks: DoctorCheck[] = [nodeVersion, npmAudit];
