import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyFor, startServerProcess, type TextaiProcess } from '../helpers/processes.ts';
import {
  alertRules,
  dashboardQueries,
  dashboardVariableQueries,
  readYaml,
  type Query,
} from './deploy-files.ts';
import { exposedNames, metricNames, SCRAPE_SERIES, variableQueryMetricNames } from './promql.ts';
import { pollJobOverHttp, postJobOverHttp } from '../jobs/helpers.ts';

const ADMIN = { username: 'operator', password: 'a long passphrase for metric names 7' };
const METRICS_TOKEN = 'metrics-token-for-the-deploy-test-0123456789';

describe('reading metric names out of PromQL', () => {
  it('keeps metric names and drops functions, matchers, ranges, groupings, numbers and keywords', () => {
    expect(
      metricNames(
        'histogram_quantile(0.95, sum by (le, tool) (rate(textai_model_latency_seconds_bucket{tool=~"a|b", job="$job"}[$__rate_interval])))',
      ),
    ).toEqual(['textai_model_latency_seconds_bucket']);
    expect(metricNames('sum(rate(a_total{status=~"5.."}[5m])) / sum(rate(b_total[5m])) > 0.05')).toEqual([
      'a_total',
      'b_total',
    ]);
    expect(metricNames('max(x) > 0 and max(delta(y[30m] offset 1h)) >= 0')).toEqual(['x', 'y']);
    expect(metricNames('sum(rate(c[5m])) by (route) > 2 * 1024 * 1e3')).toEqual(['c']);
    expect(metricNames('up{job="textai"} == 0')).toEqual(['up']);
    expect(
      variableQueryMetricNames('label_values(process_start_time_seconds{job="$job"}, instance)'),
    ).toEqual(['process_start_time_seconds']);
  });

  it('lists what an exposition offers, histogram series included before any observation', () => {
    const names = exposedNames(
      [
        '# HELP h_seconds help',
        '# TYPE h_seconds histogram',
        '# TYPE c_total counter',
        'c_total{tool="x"} 2',
        'g 1',
      ].join('\n'),
    );
    expect([...names].sort()).toEqual([
      'c_total',
      'g',
      'h_seconds',
      'h_seconds_bucket',
      'h_seconds_count',
      'h_seconds_sum',
    ]);
  });
});

/** The label names each sample of each metric carries, from a text exposition. */
function labelsBySeries(exposition: string): Map<string, Set<string>> {
  const labels = new Map<string, Set<string>>();
  for (const [, name = '', inside = ''] of exposition.matchAll(/^([a-zA-Z_:][\w:]*)\{([^}]*)\}/gm)) {
    const set = labels.get(name) ?? new Set<string>();
    for (const [, label = ''] of inside.matchAll(/(\w+)="/g)) set.add(label);
    labels.set(name, set);
  }
  return labels;
}

/** `metric{label="…", …}` selectors in an expression: the metric and the labels it matches on. */
function selectors(expression: string): { metric: string; labels: string[] }[] {
  const quoted = expression.replace(/"(?:\\.|[^"\\])*"/g, '""');
  return [...quoted.matchAll(/([a-zA-Z_:][\w:]*)\s*\{([^}]*)\}/g)].map(([, metric = '', inside = '']) => ({
    metric,
    labels: [...inside.matchAll(/(\w+)\s*(?:=~|!~|!=|=)/g)].map(([, label = '']) => label),
  }));
}

/**
 * The proof the deployment's monitoring can work: every metric the Grafana dashboard and the alert
 * rules select is in a real server's /metrics (scraped the way prometheus.yml scrapes it, with the
 * METRICS_TOKEN bearer), after the traffic that makes every labelled series appear — tool calls, a
 * rate-limit refusal and a batch job.
 */
describe('the dashboard and the alert rules against a live /metrics', { timeout: 180_000 }, () => {
  let dataDir = '';
  let server: TextaiProcess | undefined;
  let exposition = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'textai-deploy-metrics-'));
    const started = await startServerProcess({
      APP_ENV: 'development',
      DATA_DIR: dataDir,
      SECRET_KEY: 'deploy-metrics-secret-0123456789abcdef0123456789',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      BCRYPT_COST: '4',
      METRICS_TOKEN,
      GUEST_RATE_LIMIT: '1',
      WORKER_CONCURRENCY: '1',
    });
    server = started.process;
    const url = started.url;

    const analyse = () =>
      fetch(`${url}/api/v1/sentiment`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'The deployment went smoothly.' }),
      });
    expect((await analyse()).status).toBe(200);
    expect((await analyse()).status).toBe(429); // a guest over GUEST_RATE_LIMIT: one rejection

    const key = await apiKeyFor(url, ADMIN.username, ADMIN.password);
    const { id } = await postJobOverHttp(
      url,
      key,
      { data: 'id,text\n1,I loved it\n2,It was awful\n', filename: 'reviews.csv' },
      { tool: 'sentiment' },
    );
    expect((await pollJobOverHttp(url, key, id)).status).toBe('done');

    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const metrics = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(200);
    exposition = await metrics.text();
  }, 150_000);

  afterAll(async () => {
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  const missingFrom = (queries: Query[], names: (expr: string) => string[]) => {
    const exposed = exposedNames(exposition);
    return queries.flatMap(({ where, expr }) =>
      names(expr)
        .filter((name) => !exposed.has(name) && !SCRAPE_SERIES.has(name))
        .map((name) => `${where}: ${name}`),
    );
  };

  it('exports every metric the Grafana dashboard selects', () => {
    const queries = dashboardQueries();
    expect(queries.length).toBeGreaterThan(15);
    expect(missingFrom(queries, metricNames)).toEqual([]);
    expect(missingFrom(dashboardVariableQueries(), variableQueryMetricNames)).toEqual([]);
  });

  it('exports every metric the alert rules select', () => {
    const rules = alertRules().map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr }));
    expect(rules.length).toBeGreaterThanOrEqual(5);
    expect(missingFrom(rules, metricNames)).toEqual([]);
  });

  it('matches only on labels those metrics carry', () => {
    const labels = labelsBySeries(exposition);
    const queries = [
      ...dashboardQueries(),
      ...dashboardVariableQueries(),
      ...alertRules().map((rule) => ({ where: `alert ${rule.alert}`, expr: rule.expr })),
    ];
    const wrong = queries.flatMap(({ where, expr }) =>
      selectors(expr).flatMap(({ metric, labels: used }) => {
        if (SCRAPE_SERIES.has(metric)) return [];
        // Prometheus adds job and instance to every scraped series.
        const known = new Set(['job', 'instance', ...(labels.get(metric) ?? [])]);
        return used.filter((label) => !known.has(label)).map((label) => `${where}: ${metric}{${label}}`);
      }),
    );
    expect(wrong).toEqual([]);
  });

  it("graphs every one of the server's own metric families", () => {
    const used = new Set(dashboardQueries().flatMap(({ expr }) => metricNames(expr)));
    const families = [...exposition.matchAll(/^# TYPE ((?:textai|http)_\w+) (\w+)/gm)].map(
      ([, name = '', kind]) => (kind === 'histogram' ? `${name}_bucket` : name),
    );
    expect(families.length).toBeGreaterThanOrEqual(7);
    expect(families.filter((name) => !used.has(name))).toEqual([]);
  });

  it('has prometheus.yml scrape the job the dashboard and the rules select, with the bearer token', () => {
    const config = readYaml('prometheus/prometheus.yml') as {
      scrape_configs: { job_name: string; metrics_path: string; authorization?: { type: string } }[];
    };
    const textai = config.scrape_configs.find((scrape) => scrape.job_name === 'textai');
    expect(textai).toMatchObject({ metrics_path: '/metrics', authorization: { type: 'Bearer' } });
    for (const rule of alertRules()) {
      for (const { metric, labels } of selectors(rule.expr))
        expect(labels, `${rule.alert}: ${metric} selects job="textai"`).toContain('job');
    }
  });
});
