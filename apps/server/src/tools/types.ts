import type { ColumnSpec, RowFields } from './rows.ts';
import type { ToolName } from './names.ts';

/** The `analyze` options a tool adapter may use. */
export interface ToolSettings {
  /** CSV/TSV column holding the text (`--column`). */
  column: string;
  /** CSV/TSV column holding the title (`--title-column`); undefined: `title` when present. */
  titleColumn: string | undefined;
  /** Title of a single text (`--title`). */
  title: string | undefined;
  /** job-match: CSV/TSV column holding the résumé (`--resume-column`, default `resume`). */
  resumeColumn?: string | undefined;
  /** job-match: CSV/TSV column holding the job description (`--job-column`, default `job_description`). */
  jobColumn?: string | undefined;
  /** job-match: the text of `--job-file`, scored against every résumé. */
  jobDescription?: string | undefined;
  /** summarize: `--sentences`, `--ratio`, `--max-length`, `--min-length` (a row's own fields win). */
  summarize?: { sentences?: number; ratio?: number; max_length?: number; min_length?: number };
}

export interface RowContext {
  explain: boolean;
  /** Longest text accepted, in UTF-16 code units like the server's MAX_TEXT_CHARS. */
  maxChars: number;
  /** The run's settings, for tools whose rows share an input (job-match's `--job-file`). */
  settings?: ToolSettings;
}

/**
 * Validates one row's fields and runs the model on them; returns exactly the result object core
 * returns (the runner adds `processing_time_ms`). Throws RowInputError or core's
 * AnalysisInputError for a row it cannot process.
 */
export type RowAnalyzer = (fields: RowFields, context: RowContext) => object;

/** Everything `analyze` needs to know about one tool; one file per tool in this folder. */
export interface ToolAdapter {
  readonly name: ToolName;
  /** The flattened (`a.b`) fields of a result, in order: the CSV header of the output. */
  readonly resultColumns: readonly string[];
  /** Which CSV/TSV columns feed which fields. */
  columns(settings: ToolSettings): ColumnSpec[];
  /** The fields of a single text given as an argument or on stdin. */
  fieldsFromText(text: string, settings: ToolSettings): RowFields;
  /**
   * Loads the model once per run. Core is imported here, not at the top of the adapter, so that
   * a wrong argument, file or column is reported before the model code (and its language
   * identifier) is loaded. `modelSpec` is 'builtin' (the default) or a path to a model file in
   * the built-in format (the *_MODEL settings).
   */
  load(modelSpec?: string): Promise<RowAnalyzer>;
}
