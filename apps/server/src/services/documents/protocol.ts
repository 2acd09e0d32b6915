/** Messages between the pool (extract-text.ts) and a worker thread (extract-worker.ts). */
import type { DocumentErrorCode, DocumentErrorDetails } from './errors.ts';
import type { ExtractedText } from './extractors.ts';

export interface WorkerJob {
  id: number;
  /** A private copy of the file, transferred (not cloned) to the worker. */
  data: Uint8Array;
  filename: string;
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'done'; id: number; result: ExtractedText }
  | {
      type: 'failed';
      id: number;
      code: DocumentErrorCode;
      message: string;
      details?: DocumentErrorDetails | undefined;
      /** For unexpected errors only: what went wrong inside, for logs (never sent to clients). */
      cause?: string;
    };
