import type { ToolName } from '../../../tools/names.ts';
import type { ToolSettings } from '../../../tools/types.ts';
import type { NeuralSettings } from '../../../neural/runtime.ts';
import type { LinearModelData } from '@textai/core';

/** One chunk to run: the tool, how to run it, and the chunk's encoded input rows (chunk-codec.ts). */
export interface ChunkTask {
  tool: ToolName;
  /** 'builtin', a model file path or a neural model id: the *_MODEL setting of the tool. */
  modelSpec: string;
  /** Where a neural model named by modelSpec lives; without it the built-in model runs. */
  neural?: NeuralSettings;
  settings: ToolSettings;
  explain: boolean;
  /** MAX_TEXT_CHARS: a longer text fails its row, as it would fail an API call. */
  maxChars: number;
  input: Uint8Array;
}

/** The chunk's encoded results, one per input row in the same order. */
export interface ChunkOutput {
  results: Uint8Array;
  rows: number;
  failed: number;
}

/**
 * What a job thread is started with (its workerData): the language identifier's n-gram table and
 * the linear models the process has loaded (their weight tables on SharedArrayBuffers), loaded once
 * by the process and shared with every thread rather than read again by each.
 */
export interface WorkerStartData {
  languageTable: SharedArrayBuffer;
  linearModels: Map<string, LinearModelData>;
}

export type WorkerRequest = { id: number } & ChunkTask;

export type WorkerReply =
  | { type: 'ready' }
  | ({ type: 'done'; id: number } & ChunkOutput)
  | { type: 'failed'; id: number; message: string };
