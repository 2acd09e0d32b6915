import { readFile } from 'node:fs/promises';
import { Argument, InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import { CliError } from '../errors.ts';
import { INPUT_FORMATS } from '../io/formats.ts';
import type { InputFormat } from '../io/formats.ts';
import { TOOL_NAMES, isToolName } from '../../tools/names.ts';
import type { AnalyzeOptions } from '../analyze/options.ts';

/** The server's MAX_TEXT_CHARS default; the CLI applies the same limit per text. */
export const DEFAULT_MAX_CHARS = 100_000;

interface RawOptions {
  input?: string;
  output?: string;
  format?: InputFormat;
  column: string;
  titleColumn?: string;
  title?: string;
  resumeColumn?: string;
  jobColumn?: string;
  jobFile?: string;
  sentences?: number;
  ratio?: number;
  maxLength?: number;
  minLength?: number;
  explain?: boolean;
  maxChars: number;
}

const HELP_AFTER = `
Input:
  A single text comes from TEXT or, when TEXT and --input are both absent, from stdin.
  --input reads one row at a time from a .jsonl, .csv or .tsv file (--format overrides the
  extension). JSON Lines objects carry "id" and "text" (fake-news: optional "title"; job-match:
  "resume" and "job_description"); a CSV/TSV file has a header row, --column names the text
  column and --title-column the title column (job-match: --resume-column and --job-column).
  job-match --job-file FILE scores every résumé (or the single TEXT résumé) against that job.
  A row's id is its "id" field or column, else its 1-based row number (the line number for
  JSON Lines).

Output:
  A single text: its result as JSON without an id (indented on a terminal, one line otherwise).
  A file: one JSON object per input row, in order: {"id", ...result} or {"id", "error": {"code",
  "message"}} for a row that could not be analysed. The result fields are those of the HTTP API,
  with processing_time_ms. --output FILE writes there instead of stdout; a .csv or .tsv name
  writes a table with nested fields flattened as a.b and lists (explanation, signals, warnings)
  as JSON in one cell. Progress goes to stderr, only on a terminal.

Explanations (per-token weights) are on by default for a single text and off for --input.

Exit status: 0 every row succeeded, 2 some rows failed, 1 fatal error (nothing or not all
analysed: unknown tool, unreadable input, unknown column, ...).

Examples:
  $ textai analyze sentiment "The staff were friendly and the room was spotless."
  $ echo "Officials confirmed the figures on Monday." | textai analyze fake-news
  $ textai analyze sentiment --input reviews.csv --column review --output scored.csv
  $ textai analyze job-match --input resumes.csv --resume-column cv --job-file job.txt
`;

function ratioValue(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0 || parsed > 1) {
    throw new InvalidArgumentError('expected a number greater than 0 and at most 1');
  }
  return parsed;
}

/** The summarize length options given on the command line (core checks how they combine). */
function summarizeLengths(raw: RawOptions): NonNullable<AnalyzeOptions['settings']['summarize']> {
  const lengths: NonNullable<AnalyzeOptions['settings']['summarize']> = {};
  if (raw.sentences !== undefined) lengths.sentences = raw.sentences;
  if (raw.ratio !== undefined) lengths.ratio = raw.ratio;
  if (raw.maxLength !== undefined) lengths.max_length = raw.maxLength;
  if (raw.minLength !== undefined) lengths.min_length = raw.minLength;
  return lengths;
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError('expected a positive whole number');
  }
  return parsed;
}

export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description('analyse one text, or every row of a JSONL/CSV/TSV file, with one tool')
    .addArgument(new Argument('<tool>', 'the analyser').choices(TOOL_NAMES))
    .argument('[text]', 'the text to analyse (omit it to read stdin, or use --input)')
    .option('-i, --input <file>', 'analyse every row of this .jsonl, .csv or .tsv file')
    .option(
      '-o, --output <file>',
      'write results here instead of stdout (.csv/.tsv: a table; else JSON Lines)',
    )
    .addOption(
      new Option('--format <format>', 'input format, instead of the extension').choices(INPUT_FORMATS),
    )
    .option('--column <name>', 'CSV/TSV column holding the text', 'text')
    .option(
      '--title-column <name>',
      'fake-news: CSV/TSV column holding the title (default: "title" when present)',
    )
    .option('--title <title>', 'fake-news: the title of a single text')
    .option('--resume-column <name>', 'job-match: CSV/TSV column holding the résumé (default "resume")')
    .option(
      '--job-column <name>',
      'job-match: CSV/TSV column holding the job description (default "job_description")',
    )
    .option('--job-file <file>', 'job-match: score every résumé against the job description in this file')
    .option('--sentences <n>', 'summarize: this many sentences', positiveInteger)
    .option('--ratio <r>', 'summarize: summary words as a share of the text (0 < r ≤ 1)', ratioValue)
    .option('--max-length <words>', 'summarize: at most this many words (default 130)', positiveInteger)
    .option(
      '--min-length <words>',
      'summarize: at least this many words, when the text has them (default 30)',
      positiveInteger,
    )
    .option('--explain', 'include per-token explanations (default for a single text)')
    .option('--no-explain', 'leave explanations out (default for --input)')
    .option(
      '--max-chars <n>',
      'longest text accepted; a longer row fails with PAYLOAD_TOO_LARGE',
      positiveInteger,
      DEFAULT_MAX_CHARS,
    )
    .addHelpText('after', HELP_AFTER)
    .action(async (tool: string, text: string | undefined, raw: RawOptions) => {
      if (!isToolName(tool)) throw new CliError(`unknown tool: ${tool}`); // commander's choices already refuse it
      if (text !== undefined && raw.input !== undefined) {
        throw new CliError('give either TEXT or --input FILE, not both');
      }
      let jobDescription: string | undefined;
      if (raw.jobFile !== undefined) {
        if (tool !== 'job-match') throw new CliError('--job-file is a job-match option');
        jobDescription = await readJobFile(raw.jobFile);
      }
      const options: AnalyzeOptions = {
        tool,
        text,
        input: raw.input,
        output: raw.output,
        format: raw.format,
        settings: {
          column: raw.column,
          titleColumn: raw.titleColumn,
          title: raw.title,
          resumeColumn: raw.resumeColumn,
          jobColumn: raw.jobColumn,
          jobDescription,
          summarize: summarizeLengths(raw),
        },
        explain: raw.explain,
        maxChars: raw.maxChars,
      };
      // Loaded here rather than at the top so that `textai --help` does not load the models' code.
      const { runAnalyze } = await import('../analyze/run.ts');
      process.exitCode = await runAnalyze(options);
    });
}

async function readJobFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason =
      error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'file not found' : String(error);
    throw new CliError(`cannot read --job-file ${path}: ${reason}`);
  }
  if (text.trim() === '') throw new CliError(`--job-file ${path} is empty`);
  return text;
}
