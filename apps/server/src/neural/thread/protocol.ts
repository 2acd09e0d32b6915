import type { RowOutcome } from '../../tools/analyze-row.ts';
import type { ToolName } from '../../tools/names.ts';
import type { RowFields } from '../../tools/rows.ts';
import type { RowContext } from '../../tools/types.ts';
import type { NeuralSettings } from '../runtime.ts';

export type NeuralRequest = { id: number } & (
  | { type: 'load'; tool: ToolName; modelId: string; settings: NeuralSettings }
  | { type: 'run'; tool: ToolName; rows: readonly RowFields[]; context: RowContext }
  | { type: 'dispose'; tool: ToolName }
);

export type NeuralReply =
  | { id: number; ok: true; model?: { name: string; version: string }; outcomes?: RowOutcome[] }
  | { id: number; ok: false; message: string };
