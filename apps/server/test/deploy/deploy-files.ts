import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../cli/helpers.ts';

/** The deployment files under test, read as an operator's tools would read them. */

export const DEPLOY_DIR = path.join(REPO_ROOT, 'deploy');

export function readDeployFile(relative: string): string {
  return readFileSync(path.join(DEPLOY_DIR, relative), 'utf8');
}

/** YAML as Compose and Prometheus read it: YAML 1.1 merge keys (`<<: *anchor`) resolved. */
export function readYaml(relative: string): unknown {
  return parse(readDeployFile(relative), { merge: true });
}

export interface Query {
  where: string;
  expr: string;
}

interface DashboardPanel {
  title?: string;
  targets?: { expr?: string }[];
  panels?: DashboardPanel[];
}

export interface Dashboard {
  title: string;
  uid: string;
  panels: DashboardPanel[];
  templating: { list: { name: string; type: string; query?: string | { query?: string } }[] };
}

export function readDashboard(): Dashboard {
  return JSON.parse(readDeployFile('grafana/textai-dashboard.json')) as Dashboard;
}

/** Every PromQL expression of the dashboard's panels (rows' nested panels included). */
export function dashboardQueries(dashboard: Dashboard = readDashboard()): Query[] {
  const queries: Query[] = [];
  const visit = (panels: DashboardPanel[]) => {
    for (const panel of panels) {
      for (const target of panel.targets ?? []) {
        if (target.expr !== undefined) queries.push({ where: `panel "${panel.title}"`, expr: target.expr });
      }
      visit(panel.panels ?? []);
    }
  };
  visit(dashboard.panels);
  return queries;
}

/** The dashboard's variable queries (`label_values(...)`), which also name metrics. */
export function dashboardVariableQueries(dashboard: Dashboard = readDashboard()): Query[] {
  return dashboard.templating.list
    .filter((variable) => variable.type === 'query')
    .map((variable) => ({
      where: `variable $${variable.name}`,
      expr: typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? ''),
    }));
}

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function alertRules(): AlertRule[] {
  const file = readYaml('prometheus/alerts.yml') as { groups: { rules: AlertRule[] }[] };
  return file.groups.flatMap((group) => group.rules);
}

/**
 * The grace period a process gives itself after SIGTERM before it exits anyway, read from its
 * source, so that the stop timeouts in the deployment files stay longer than it when it changes.
 */
export function forcedExitAfterMs(source: 'server.ts' | 'worker.ts'): number {
  const text = readFileSync(path.join(REPO_ROOT, 'apps/server/src', source), 'utf8');
  const match = /setTimeout\(\(\) => process\.exit\(1\), ([\d_]+)\)/.exec(text);
  if (!match?.[1]) throw new Error(`no forced-exit timer found in ${source}`);
  return Number(match[1].replace(/_/g, ''));
}

/** null when `command args` runs and exits 0, else why not (the test then skips, saying so). */
export function commandUnavailableReason(command: string, args: readonly string[]): string | null {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  if (result.error) return `${command} is not available here (${result.error.message})`;
  if (result.status !== 0) return `\`${command} ${args.join(' ')}\` failed: ${result.stderr.trim()}`;
  return null;
}
