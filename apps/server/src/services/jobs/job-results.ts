import type { Job, Storage } from '../../storage/repositories.ts';
import { safeCell } from '../csv-safety.ts';
import { csvRecord } from './csv-record.ts';
import { resultCellReader, type ResultCellReader } from './result-cells.ts';
import { loadToolAdapter } from '../../tools/index.ts';
import { isToolName } from '../../tools/names.ts';
import { decodeInputRows, decodeResultRows, type ChunkInputRow, type ChunkResultRow } from './chunk-codec.ts';
import { readJobOptions } from './job-options.ts';

export type ResultFormat = 'csv' | 'jsonl';

/** One output row: an input row with its outcome, and its rank in a ranked job-match job. */
interface OutputRow {
  input: ChunkInputRow;
  outcome: ChunkResultRow;
  rank: number | undefined;
}

/**
 * A job's results as text, a chunk at a time, in input order: the row number (data rows from 1, as
 * error messages count them), the file's own columns, then the result's. CSV flattens nested fields to `a.b` (lists stay JSON); a result column whose name the
 * file already uses is prefixed `result.`. JSONL gives `{row, id, input: {column: value}, ...result}`
 * or `{row, id, input, error}`. Ranked job-match jobs add `rank` (1 = best match).
 */
export async function* jobResultText(
  storage: Storage,
  job: Job,
  format: ResultFormat,
): AsyncGenerator<string> {
  if (!isToolName(job.tool)) throw new Error(`unknown tool ${job.tool}`);
  const options = readJobOptions(job.options);
  const adapter = await loadToolAdapter(job.tool);
  const ranks = options.ranked ? await rankRows(storage, job.id) : undefined;

  const header = options.header;
  const taken = new Set(header);
  const resultColumns = [...adapter.resultColumns, 'processing_time_ms', 'error.code', 'error.message'];
  const outputNames = resultColumns.map((name) => (taken.has(name) ? `result.${name}` : name));
  const resultCells = resultCellReader(resultColumns);
  const rankColumn = taken.has('rank') ? 'result.rank' : 'rank';
  const rowColumn = taken.has('row') ? 'result.row' : 'row';
  if (format === 'csv') {
    // The file's column names are the uploader's text like its cells: a name such as `=cmd|…`
    // would run as a formula in the header row of the download, so it is defused too.
    yield csvRecord([rowColumn, ...header.map(safeCell), ...(ranks ? [rankColumn] : []), ...outputNames]);
  }

  const inputKeys = distinctKeys(header);
  let position = 0;
  for await (const chunk of storage.jobs.chunks(job.id)) {
    const inputs = decodeInputRows(chunk.input);
    const outcomes = decodeResultRows(chunk.results);
    const lines: string[] = [];
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i];
      const outcome = outcomes[i];
      if (input === undefined || outcome === undefined) continue;
      const row: OutputRow = { input, outcome, rank: ranks?.[position] };
      position++;
      lines.push(
        format === 'csv'
          ? csvLine(row, header.length, resultCells, ranks !== undefined)
          : jsonLine(row, inputKeys),
      );
    }
    yield lines.join('');
  }
}

function csvLine(row: OutputRow, width: number, resultCells: ResultCellReader, ranked: boolean): string {
  const cells: string[] = [String(row.input.n)];
  for (let i = 0; i < width; i++) cells.push(safeCell(row.input.c[i] ?? ''));
  if (ranked) cells.push(row.rank === undefined ? '' : String(row.rank));
  resultCells('r' in row.outcome ? row.outcome.r : { error: row.outcome.e }, cells);
  return csvRecord(cells);
}

/**
 * The JSON Lines `input` object's keys: the file's column names, made distinct (a repeated or blank
 * name would otherwise drop cells): `name (2)` for a name's second column, `column N` for a blank.
 */
function distinctKeys(header: readonly string[]): string[] {
  const used = new Set<string>();
  return header.map((name, i) => {
    const base = name === '' ? `column ${i + 1}` : name;
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base} (${n})`;
    used.add(key);
    return key;
  });
}

function jsonLine(row: OutputRow, keys: readonly string[]): string {
  const input: Record<string, string> = {};
  keys.forEach((name, i) => {
    input[name] = row.input.c[i] ?? '';
  });
  const record = {
    row: row.input.n,
    id: row.input.id,
    ...(row.rank === undefined ? {} : { rank: row.rank }),
    input,
    ...('r' in row.outcome ? row.outcome.r : { error: row.outcome.e }),
  };
  return `${JSON.stringify(record)}\n`;
}

/** Each row's rank by match_score (1 = best; ties keep file order; failed rows unranked), in row order. */
async function rankRows(storage: Storage, jobId: string): Promise<(number | undefined)[]> {
  const scores: number[] = [];
  for await (const chunk of storage.jobs.chunks(jobId)) {
    for (const outcome of decodeResultRows(chunk.results)) {
      const score = 'r' in outcome ? outcome.r['match_score'] : undefined;
      scores.push(typeof score === 'number' ? score : Number.NaN);
    }
  }
  const order = scores
    .map((score, index) => ({ score, index }))
    .filter((entry) => !Number.isNaN(entry.score))
    .sort((a, b) => b.score - a.score || a.index - b.index);
  const ranks: (number | undefined)[] = new Array<number | undefined>(scores.length).fill(undefined);
  order.forEach((entry, i) => {
    ranks[entry.index] = i + 1;
  });
  return ranks;
}
