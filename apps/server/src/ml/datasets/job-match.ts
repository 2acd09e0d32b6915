import { readFileSync } from 'node:fs';
import { dataFile, readCsvObjects } from './read.ts';

/** Readers for the job-match sources in the shared datasets folder (see each SOURCE.md). */

export interface LabelledResume {
  category: string;
  text: string;
  /** How many rows of the original file carried this exact résumé. */
  copies: number;
}

/**
 * The résumé dataset, de-duplicated: 962 rows hold only 166 distinct résumés (compared after
 * trimming and collapsing whitespace). First occurrence order is kept.
 */
export function readResumes(dataDir: string): LabelledResume[] {
  const rows = readCsvObjects(dataFile(dataDir, 'resume-dataset', 'UpdatedResumeDataSet.clean-utf8.csv'));
  const byText = new Map<string, LabelledResume>();
  for (const row of rows) {
    const text = (row['Resume'] ?? '').trim();
    const category = (row['Category'] ?? '').trim();
    if (text === '' || category === '') continue;
    const key = `${category}\u0000${text.replace(/\s+/g, ' ')}`;
    const seen = byText.get(key);
    if (seen) seen.copies++;
    else byText.set(key, { category, text, copies: 1 });
  }
  return [...byText.values()];
}

export interface JobPosting {
  title: string;
  category: string;
  text: string;
}

/** Google job postings: title, responsibilities and qualifications as one job description. */
export function readJobPostings(dataDir: string): JobPosting[] {
  return readCsvObjects(dataFile(dataDir, 'google-job-skills', 'job_skills.csv')).map((row) => {
    const title = (row['Title'] ?? '').trim();
    const text = [
      title,
      'Responsibilities:',
      row['Responsibilities'] ?? '',
      'Minimum qualifications:',
      row['Minimum Qualifications'] ?? '',
      'Preferred qualifications:',
      row['Preferred Qualifications'] ?? '',
    ].join('\n');
    return { title, category: (row['Category'] ?? '').trim(), text };
  });
}

/** An O*NET tab-separated file as objects keyed by its header (no quoting in these files). */
export function readOnetTable(dataDir: string, file: string): Record<string, string>[] {
  const lines = readFileSync(dataFile(dataDir, 'onet-29.2', file), 'utf8').split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t');
  const rows: Record<string, string>[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    const row: Record<string, string> = {};
    header.forEach((name, k) => (row[name] = cells[k] ?? ''));
    rows.push(row);
  }
  return rows;
}

export interface OnetOccupation {
  code: string;
  title: string;
  description: string;
  tasks: string[];
  /** Technology examples; `hot` and `inDemand` are O*NET's "Hot Technology" and "In Demand" flags. */
  technologies: { name: string; hot: boolean; inDemand: boolean }[];
}

/** O*NET occupations with their core tasks and technology examples. */
export function readOnetOccupations(dataDir: string): Map<string, OnetOccupation> {
  const occupations = new Map<string, OnetOccupation>();
  for (const row of readOnetTable(dataDir, 'Occupation Data.txt')) {
    const code = row['O*NET-SOC Code']!;
    occupations.set(code, {
      code,
      title: row['Title'] ?? '',
      description: row['Description'] ?? '',
      tasks: [],
      technologies: [],
    });
  }
  for (const row of readOnetTable(dataDir, 'Task Statements.txt')) {
    const o = occupations.get(row['O*NET-SOC Code']!);
    if (o && row['Task Type'] !== 'Supplemental') o.tasks.push(row['Task'] ?? '');
  }
  for (const row of readOnetTable(dataDir, 'Technology Skills.txt')) {
    const o = occupations.get(row['O*NET-SOC Code']!);
    if (o)
      o.technologies.push({
        name: row['Example'] ?? '',
        hot: row['Hot Technology'] === 'Y',
        inDemand: row['In Demand'] === 'Y',
      });
  }
  return occupations;
}
