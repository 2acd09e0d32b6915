import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  analyzeJobMatch,
  calibrate,
  rankJobs,
  rankResumes,
  recommendationOf,
  type JobMatchResult,
} from '../src/job-match/index.ts';
import { matchTokens } from '../src/job-match/normalize.ts';
import { loadJobMatchModel } from '../src/models/job-match.ts';
import { AnalysisInputError } from '../src/types.ts';

// Every text here and in fixtures/job-match was written for these tests.
const FIXTURES = new URL('./fixtures/job-match/', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, FIXTURES), 'utf8');
const model = loadJobMatchModel();

const grades = read('grades.tsv')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [job, resume, grade, note] = line.split('\t');
    return { job: job!, resume: resume!, grade: Number(grade), note: note ?? '' };
  });

function score(job: string, resume: string): JobMatchResult {
  return analyzeJobMatch(
    model,
    { job_description: read(`jobs/${job}.txt`), resume: read(`resumes/${resume}.txt`) },
    { referenceYear: 2025 },
  );
}

describe('hand-graded pairs', () => {
  const results = grades.map((g) => ({ ...g, result: score(g.job, g.resume) }));

  it('has 20-30 pairs covering every grade that matters', () => {
    expect(results.length).toBeGreaterThanOrEqual(20);
    expect(results.length).toBeLessThanOrEqual(30);
  });

  for (const r of results) {
    it(`${r.job} × ${r.resume} (grade ${r.grade}: ${r.note}) → ${r.result.recommendation}`, () => {
      if (r.grade === 3) expect(r.result.match_score).toBeGreaterThanOrEqual(0.8);
      if (r.grade === 0) expect(r.result.recommendation).toBe('Weak Match');
      if (r.grade === 1) expect(r.result.match_score).toBeLessThan(0.8);
    });
  }

  it('orders the grades: every pair graded higher scores above every lower one of the same job', () => {
    for (const a of results) {
      for (const b of results) {
        if (a.job === b.job && a.grade > b.grade)
          expect(a.result.match_score).toBeGreaterThan(b.result.match_score);
      }
    }
  });

  it('does not credit skills named only as wishes, nor text pasted from the job', () => {
    const wishful = results.find((r) => r.resume === 'devops-wishful')!.result;
    expect(wishful.skills.matched).not.toContain('Kubernetes');
    expect(wishful.advice.join(' ')).toMatch(/wanting to learn/);
    const copied = results.find((r) => r.resume === 'devops-copied')!.result;
    expect(copied.warnings.map((w) => w.code)).toContain('JOB_TEXT_COPIED');
    expect(copied.skills.matched).toEqual([]);
  });

  it('credits synonyms: K8s, amazon web services, HashiCorp Terraform, bookkeeping', () => {
    const devops = results.find((r) => r.job === 'devops' && r.resume === 'devops-synonyms')!.result;
    expect(devops.skills.matched).toEqual(
      expect.arrayContaining(['Kubernetes', 'Amazon Web Services', 'Terraform']),
    );
    const accounting = results.find((r) => r.job === 'accountant' && r.resume === 'bookkeeper')!.result;
    expect(accounting.skills.matched).toContain('Accounting');
  });
});

describe('skills', () => {
  const job =
    'Backend Developer\n\nRequirements:\n- Kubernetes\n- JavaScript\n- PostgreSQL\n\nNice to have:\n- GraphQL';

  it('reads abbreviations and variants as the same skill', () => {
    const r = analyzeJobMatch(model, {
      job_description: job,
      resume: 'Developer. 5 years with K8s, JS and Postgres in production.',
    });
    expect(r.skills.matched).toEqual(expect.arrayContaining(['Kubernetes', 'JavaScript', 'PostgreSQL']));
    expect(r.skills.missing).toEqual(['GraphQL']);
  });

  it('weighs nice-to-have skills less than required ones', () => {
    const onlyNice = analyzeJobMatch(model, {
      job_description: job,
      resume: 'Developer working with GraphQL for five years.',
    });
    const onlyRequired = analyzeJobMatch(model, {
      job_description: job,
      resume: 'Developer working with Kubernetes, JavaScript and PostgreSQL.',
    });
    expect(onlyRequired.components.skills).toBeGreaterThan(0.8);
    expect(onlyNice.components.skills).toBeLessThan(0.2);
  });

  it('accepts either of two alternatives', () => {
    const r = analyzeJobMatch(model, {
      job_description: 'Requirements:\n- Jenkins or GitHub Actions\n- Docker',
      resume: 'Built Jenkins pipelines and Docker images.',
    });
    expect(r.components.skills).toBe(1);
  });

  it('keeps technology names whole: C++, C#, .NET, Node.js', () => {
    expect(matchTokens('C++, C# and .NET; Node.js.').words).toEqual(['c++', 'c#', 'and', '.net', 'node.js']);
  });

  it('does not take everyday words for tools ("go to market", "excel at")', () => {
    const r = analyzeJobMatch(model, {
      job_description: 'Requirements:\n- Go\n- Microsoft Excel',
      resume: 'I excel at planning go to market launches.',
    });
    expect(r.skills.matched).toEqual([]);
  });
});

describe('result shape and bands', () => {
  it('has exactly the documented fields', () => {
    const r = analyzeJobMatch(model, {
      job_description: read('jobs/backend.txt'),
      resume: read('resumes/backend-node.txt'),
    });
    expect(Object.keys(r).sort()).toEqual([
      'advice',
      'components',
      'match_percentage',
      'match_score',
      'model',
      'recommendation',
      'skills',
      'warnings',
    ]);
    expect(Object.keys(r.components).sort()).toEqual(['experience', 'similarity', 'skills', 'title']);
    expect(Object.keys(r.skills).sort()).toEqual(['extra', 'matched', 'missing']);
    expect(r.match_percentage).toBeCloseTo(r.match_score * 100, 1);
    expect(r.model).toEqual(model.info);
  });

  it('maps scores to the documented bands', () => {
    expect(recommendationOf(0.95)).toBe('Excellent Match');
    expect(recommendationOf(0.85)).toBe('Strong Match');
    expect(recommendationOf(0.75)).toBe('Good Match');
    expect(recommendationOf(0.65)).toBe('Fair Match');
    expect(recommendationOf(0.2)).toBe('Weak Match');
    for (let x = 0; x < 1; x += 0.05) expect(calibrate(x + 0.05)).toBeGreaterThanOrEqual(calibrate(x));
  });
});

describe('input handling', () => {
  it('rejects empty and non-text input with clear errors', () => {
    const call = (resume: unknown, job: unknown) => () =>
      analyzeJobMatch(model, { resume: resume as string, job_description: job as string });
    expect(call('', 'Engineer')).toThrow(AnalysisInputError);
    expect(call('Engineer', '   ')).toThrow(/job_description is empty/);
    expect(call(42, 'Engineer')).toThrow(/resume must be a string/);
    expect(call('\u0000\u0001\u0002 1234 5678', 'Engineer')).toThrow(/no words/);
  });

  it('warns on non-English text', () => {
    const resume =
      'Ingeniero de software con cinco años de experiencia en Java y bases de datos. Trabajé en una empresa de logística desarrollando servicios para clientes.';
    const r = analyzeJobMatch(model, { resume, job_description: read('jobs/backend.txt') });
    expect(r.warnings.map((w) => w.code)).toContain('NON_ENGLISH');
  });

  it('reads a very long résumé in full', () => {
    const resume = `${'Managed warehouse shipments and schedules. '.repeat(2500)}Also built services in Node.js with TypeScript and PostgreSQL.`;
    const started = performance.now();
    const r = analyzeJobMatch(
      model,
      { resume, job_description: read('jobs/backend.txt') },
      { detectLanguage: false },
    );
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.skills.matched).toEqual(expect.arrayContaining(['Node.js', 'TypeScript', 'PostgreSQL']));
  });
});

describe('ranking', () => {
  const resumes = ['chef', 'backend-node', 'frontend-react', 'nurse'].map((name) =>
    read(`resumes/${name}.txt`),
  );

  it('ranks résumés for one job, best first', () => {
    const ranked = rankResumes(model, read('jobs/backend.txt'), resumes);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    expect(ranked[0]!.index).toBe(1);
    for (let i = 1; i < ranked.length; i++)
      expect(ranked[i - 1]!.result.match_score).toBeGreaterThanOrEqual(ranked[i]!.result.match_score);
  });

  it('ranks jobs for one résumé, best first', () => {
    const jobs = ['accountant', 'devops', 'data-scientist', 'backend'].map((name) =>
      read(`jobs/${name}.txt`),
    );
    const ranked = rankJobs(model, read('resumes/data-scientist.txt'), jobs);
    expect(ranked[0]!.index).toBe(2);
  });
});
