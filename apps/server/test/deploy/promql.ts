/**
 * Just enough PromQL reading to list the metric names an expression selects. The dashboard and the
 * alert rules must only name metrics the server exports, and a typo there fails silently in
 * production (an empty graph, an alert that never fires), so the test reads every expression.
 */

/** Words of the language that look like identifiers but are not metrics. */
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'offset',
  'bool',
  'inf',
  'nan',
]);

/** Grafana's template variables ($job, ${job}, [[job]], $__rate_interval) become a plain value. */
export function withoutGrafanaVariables(expression: string): string {
  return expression
    .replace(/\$__rate_interval|\$__interval|\$__range/g, '5m')
    .replace(/\$\{[^}]+\}|\$\w+|\[\[\w+\]\]/g, 'x');
}

/**
 * The metric names an expression selects: identifiers left after string literals, label matchers
 * (`{...}`), ranges (`[5m]`), grouping lists (`by (le)`), function calls and keywords are removed.
 */
export function metricNames(expression: string): string[] {
  const text = withoutGrafanaVariables(expression)
    .replace(/#.*$/gm, '') // comments
    .replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`[^`]*`/g, '""') // string literals
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges and subqueries
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ') // label lists
    .replace(/\b[a-zA-Z_]\w*\s*\(/g, '(') // function names
    .replace(/\b\d+(ms|s|m|h|d|w|y)\b/g, ' ') // durations (offset 5m)
    .replace(/\b\d+(\.\d+)?(e[+-]?\d+)?\b/gi, ' '); // numbers
  const names = new Set<string>();
  for (const [word] of text.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    if (!KEYWORDS.has(word.toLowerCase())) names.add(word);
  }
  return [...names];
}

/** A Grafana variable query such as `label_values(metric{job="$job"}, instance)`: its metrics. */
export function variableQueryMetricNames(query: string): string[] {
  const labelValues = /^\s*label_values\((.*),\s*\w+\s*\)\s*$/.exec(query);
  if (labelValues) return metricNames(labelValues[1] ?? '');
  if (/^\s*label_values\(\s*\w+\s*\)\s*$/.test(query)) return []; // a label's values across all metrics
  return metricNames(query);
}

/**
 * Every series name a Prometheus text exposition offers: the samples present, and for each family
 * its declared name plus, for histograms and summaries, the `_bucket`/`_sum`/`_count` series that
 * exist even before the first observation with a given label set.
 */
export function exposedNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const line of exposition.split('\n')) {
    const type = /^# TYPE (\S+) (\w+)/.exec(line);
    if (type) {
      const [, name = '', kind] = type;
      names.add(name);
      if (kind === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(name + s);
      if (kind === 'summary') for (const s of ['_sum', '_count']) names.add(name + s);
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)[{\s]/.exec(line);
    if (sample?.[1] !== undefined) names.add(sample[1]);
  }
  return names;
}

/** Series Prometheus itself adds to every scraped target; they are in no /metrics page. */
export const SCRAPE_SERIES = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped']);
