import type { InputFormat } from '../io/formats.ts';
import type { ToolName } from '../../tools/names.ts';
import type { ToolSettings } from '../../tools/types.ts';

/** `textai analyze` after commander has parsed and checked it. */
export interface AnalyzeOptions {
  tool: ToolName;
  /** The TEXT argument; with neither it nor `input`, the text comes from stdin. */
  text: string | undefined;
  input: string | undefined;
  output: string | undefined;
  format: InputFormat | undefined;
  settings: ToolSettings;
  /** undefined: on for a single text, off for a file (explanations multiply the output size). */
  explain: boolean | undefined;
  maxChars: number;
}
