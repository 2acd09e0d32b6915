import cliProgress from 'cli-progress';

export interface Progress {
  /** Called after every row; redraws at most a few times a second. */
  update(rowsDone: number, bytesRead: number): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { update: () => {}, stop: () => {} };

/** How often the bar is fed; cheaper than calling into cli-progress for every row of a large file. */
const UPDATE_EVERY_MS = 100;

/**
 * A progress line on stderr: rows done and rows/s, plus a bar with percentage and ETA when the
 * file's size is known. Progress is measured in bytes read (not rows) so the ETA needs no counting
 * pass over the file, whatever its size; the rows counter and rate are shown beside it.
 */
export function createProgress(options: { enabled: boolean; totalBytes: number | undefined }): Progress {
  if (!options.enabled) return NO_PROGRESS;
  const { totalBytes } = options;
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format:
      totalBytes === undefined
        ? '{rows} rows | {rate} rows/s | {duration_formatted}'
        : '{bar} {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}',
    etaBuffer: 50,
    hideCursor: true,
    barsize: 30,
  });
  const started = performance.now();
  let lastUpdate = 0;
  let rows = 0;
  let bytes = 0;
  const payload = (): { rows: number; rate: string } => {
    const seconds = (performance.now() - started) / 1000;
    return { rows, rate: seconds > 0 ? (rows / seconds).toFixed(0) : '0' };
  };
  // Without a known size the "value" is the row count; with one, it is the bytes read.
  bar.start(totalBytes ?? 0, 0, payload());
  return {
    update(rowsDone, bytesRead) {
      rows = rowsDone;
      bytes = bytesRead;
      const now = performance.now();
      if (now - lastUpdate < UPDATE_EVERY_MS) return;
      lastUpdate = now;
      bar.update(totalBytes === undefined ? rows : Math.min(bytes, totalBytes), payload());
    },
    stop() {
      bar.update(totalBytes ?? rows, payload());
      bar.stop();
    },
  };
}
