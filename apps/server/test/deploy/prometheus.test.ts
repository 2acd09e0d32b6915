import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import {
  alertRules,
  commandUnavailableReason,
  dashboardQueries,
  DEPLOY_DIR,
  readDashboard,
} from './deploy-files.ts';
import { withoutGrafanaVariables } from './promql.ts';

describe('deploy/prometheus/alerts.yml', () => {
  it('alerts on error rate, latency, a target down, the queue backlog and memory', () => {
    const rules = alertRules();
    const expressions = rules.map((rule) => rule.expr).join('\n');
    expect(expressions).toMatch(/status=~"5\.\."/);
    expect(expressions).toMatch(
      /histogram_quantile\(0\.95,\s*sum by \(le\) \(rate\(http_request_duration_seconds_bucket/,
    );
    expect(expressions).toMatch(/up\{job="textai"\} == 0/);
    expect(expressions).toMatch(/textai_queue_depth/);
    expect(expressions).toMatch(/process_resident_memory_bytes/);
    for (const rule of rules) {
      expect(rule.alert, rule.alert).toMatch(/^Textai[A-Z]\w+$/);
      expect(rule.for, rule.alert).toMatch(/^\d+m$/);
      expect(['warning', 'critical'], rule.alert).toContain(rule.labels?.['severity']);
      expect(rule.annotations?.['summary'], rule.alert).toBeTruthy();
    }
    expect(new Set(rules.map((rule) => rule.alert)).size).toBe(rules.length);
  });
});

describe('deploy/grafana/textai-dashboard.json', () => {
  it('is an importable dashboard with a Prometheus data source variable', () => {
    const dashboard = readDashboard();
    expect(dashboard.uid).toBe('textai-studio');
    const variables = dashboard.templating.list;
    expect(variables.find((v) => v.name === 'datasource')).toMatchObject({
      type: 'datasource',
      query: 'prometheus',
    });
    const titles = JSON.stringify(dashboard.panels.map((panel) => panel.title));
    for (const title of [
      '5xx',
      'p50 / p95 / p99',
      'Tool calls',
      'Model latency',
      'Rate-limit',
      'Queue depth',
      'Job rows',
      'Memory',
      'CPU',
      'Event-loop',
    ])
      expect(titles).toContain(title);
  });
});

const promtoolReason = commandUnavailableReason('promtool', ['--version']);
if (promtoolReason !== null) console.warn(`Prometheus files: promtool checks skipped: ${promtoolReason}`);

/** Prometheus's own parser on the rules, the scrape configuration and every dashboard query. */
describe.skipIf(promtoolReason !== null)('promtool', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'textai-promtool-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const promtool = (...args: string[]) => spawnSync('promtool', args, { encoding: 'utf8' });

  it('accepts the alert rules', () => {
    const result = promtool('check', 'rules', path.join(DEPLOY_DIR, 'prometheus/alerts.yml'));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('accepts the scrape configuration', () => {
    const result = promtool(
      'check',
      'config',
      '--syntax-only',
      path.join(DEPLOY_DIR, 'prometheus/prometheus.yml'),
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('parses every dashboard query (Grafana variables filled in)', () => {
    const rules = dashboardQueries().map(({ expr }, index) => ({
      record: `textai:dashboard_query_${index}`,
      expr: withoutGrafanaVariables(expr),
    }));
    const file = path.join(dir, 'dashboard-queries.yml');
    writeFileSync(file, stringify({ groups: [{ name: 'dashboard', rules }] }));
    const result = promtool('check', 'rules', file);
    expect(result.stdout + result.stderr).toContain(`SUCCESS: ${rules.length} rules found`);
    expect(result.status).toBe(0);
  });
});
