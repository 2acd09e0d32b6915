/**
 * Job-match benchmark: résumé/job pairs per second on one core, from raw texts to the full result
 * (both texts profiled for every pair; language check off, then on as the API runs it), and the
 * ranking path (one job profiled once, many résumés). Inputs are written here, about one page each.
 */
import { statSync } from 'node:fs';
import { analyzeJobMatch, prepareJob, prepareResume, scoreProfiles } from '@textai/core/job-match';
import { JOB_MATCH_MODEL_PATH, loadJobMatchModel } from '@textai/core/models/job-match';
import { rate, type Row } from './report.ts';

const ROLES = ['Backend Developer', 'DevOps Engineer', 'Data Scientist', 'Staff Accountant', 'QA Engineer'];
const TOOLS = [
  'Node.js',
  'TypeScript',
  'PostgreSQL',
  'Kubernetes',
  'Terraform',
  'AWS',
  'Python',
  'pandas',
  'scikit-learn',
  'QuickBooks',
  'Excel',
  'Selenium',
  'Jenkins',
  'Docker',
  'Redis',
  'SQL',
  'Tableau',
  'Git',
];
const LINES = [
  'Designed and shipped services used by thousands of customers every day',
  'Worked with product managers to turn requirements into releases on a two-week cadence',
  'Reduced costs by automating manual steps and documenting the process for the team',
  'Mentored junior colleagues and reviewed their work',
  'Owned monitoring, on-call rotations and post-incident reviews',
  'Prepared reports for leadership and presented results each quarter',
];

function pick<T>(items: readonly T[], seed: number, count: number): T[] {
  return Array.from({ length: count }, (_, i) => items[(seed * 7 + i * 5) % items.length]!);
}

/** About 450 words: a header, a summary, three roles with bullets, a skills line. */
function resume(seed: number): string {
  const parts = [
    `Candidate ${seed}`,
    pick(ROLES, seed, 1)[0]!,
    '',
    `Summary: professional with ${3 + (seed % 8)} years of experience delivering software and reports.`,
    '',
  ];
  for (let r = 0; r < 3; r++) {
    parts.push(`${pick(ROLES, seed + r, 1)[0]}, Company ${seed + r} (${2012 + r * 3} – ${2015 + r * 3})`);
    for (let b = 0; b < 6; b++)
      parts.push(
        `- ${LINES[(seed + r + b) % LINES.length]} using ${pick(TOOLS, seed + r + b, 2).join(' and ')}.`,
      );
  }
  parts.push('', `Skills: ${pick(TOOLS, seed, 8).join(', ')}`);
  return parts.join('\n');
}

function job(seed: number): string {
  return [
    pick(ROLES, seed, 1)[0]!,
    '',
    'We are a growing company looking for someone to join our team.',
    'Responsibilities:',
    ...pick(LINES, seed, 4).map((l) => `- ${l}`),
    'Requirements:',
    `- ${3 + (seed % 4)}+ years of experience`,
    ...pick(TOOLS, seed, 5).map((t) => `- ${t}`),
    'Nice to have:',
    ...pick(TOOLS, seed + 3, 2).map((t) => `- ${t}`),
  ].join('\n');
}

export async function runJobMatchBenchmark(): Promise<Row[]> {
  const started = performance.now();
  const model = loadJobMatchModel();
  const loadMs = performance.now() - started;
  const mb = statSync(JOB_MATCH_MODEL_PATH).size / 1e6;
  const pairs = Array.from({ length: 200 }, (_, i) => ({ resume: resume(i), job_description: job(i % 23) }));
  const words = pairs.reduce((n, p) => n + p.resume.split(/\s+/).length, 0) / pairs.length;
  const sink = new Float64Array(1);
  const perPair = rate(pairs, (p) => {
    sink[0] = analyzeJobMatch(model, p, { detectLanguage: false }).match_score;
  });
  const withLanguage = rate(pairs, (p) => {
    sink[0] = analyzeJobMatch(model, p).match_score;
  });
  const oneJob = prepareJob(model, pairs[0]!.job_description);
  const ranking = rate(pairs, (p) => {
    sink[0] = scoreProfiles(model, oneJob, prepareResume(model, p.resume)).match_score;
  });
  return [
    { name: 'job-match model file', value: `${mb.toFixed(2)} MB`, target: '≤ 20 MB', ok: mb <= 20 },
    { name: 'job-match model load', value: `${loadMs.toFixed(0)} ms`, target: '≤ 300 ms', ok: loadMs <= 300 },
    {
      name: `job-match pairs/s (résumés ~${Math.round(words)} words)`,
      value: `${perPair.toFixed(0)}/s`,
      target: '≥ 2000/s',
      ok: perPair >= 2000,
    },
    { name: 'job-match pairs/s with language check', value: `${withLanguage.toFixed(0)}/s` },
    { name: 'job-match ranking, résumés/s against one job', value: `${ranking.toFixed(0)}/s` },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printTable } = await import('./report.ts');
  printTable('Job match (one core)', await runJobMatchBenchmark());
}
