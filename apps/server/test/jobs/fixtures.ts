/** Synthetic input files for job tests, written here (no dataset rows). */

const SUBJECTS = [
  'The council',
  'A local charity',
  'The new mayor',
  'Engineers at the plant',
  'The school board',
  'Residents',
];
const VERBS = ['approved', 'announced', 'questioned', 'postponed', 'celebrated', 'reviewed'];
const OBJECTS = [
  'a plan to rebuild the old bridge',
  'the budget for next year',
  'a proposal for more bus routes',
  'the opening of a public library',
  'new rules for street parking',
  'a study of the river’s water quality',
];
const TAILS = [
  'on Monday.',
  'after a long debate.',
  'despite some objections.',
  'to general applause.',
  'in a short statement.',
];

function sentence(seed: number): string {
  const pick = <T>(list: readonly T[], salt: number): T => list[(seed * 7 + salt * 13) % list.length] as T;
  return `${pick(SUBJECTS, 1)} ${pick(VERBS, 2)} ${pick(OBJECTS, 3)} ${pick(TAILS, 4)}`;
}

/** A news-like article of `sentences` sentences. */
export function article(seed: number, sentences = 20): string {
  return Array.from({ length: sentences }, (_, i) => sentence(seed * 31 + i)).join(' ');
}

/** A CSV of `rows` articles with an id column (quotes doubled as CSV needs). */
export function articlesCsv(rows: number, sentences = 20): string {
  const lines = ['id,text'];
  for (let i = 1; i <= rows; i++) lines.push(`a${i},"${article(i, sentences).replaceAll('"', '""')}"`);
  return `${lines.join('\n')}\n`;
}

const OPINIONS = [
  'I loved the food',
  'The service was slow',
  'Great value for money',
  'Never coming back',
  'It was fine',
];

/** A CSV of `rows` tweet-length reviews. */
export function reviewsCsv(rows: number): string {
  const lines = ['id,text'];
  for (let i = 1; i <= rows; i++)
    lines.push(`r${i},"${OPINIONS[i % OPINIONS.length]} (visit ${i}), would you?"`);
  return `${lines.join('\n')}\n`;
}
