import cliProgress from 'cli-progress';

const UPDATE_EVERY_MS = 100;

/**
 * A download's progress on stderr: a bar with bytes, speed and ETA on a terminal; nothing
 * otherwise (the command's summary line on stdout is what scripts read).
 */
export function fileProgress(
  label: string,
  totalBytes: number,
  enabled: boolean,
): (bytesDone: number) => void {
  if (!enabled) return () => undefined;
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: `{bar} {percentage}% | {value}/{total} bytes | ETA {eta_formatted} | ${label}`,
    hideCursor: true,
    barsize: 30,
  });
  bar.start(totalBytes, 0);
  let last = 0;
  return (bytesDone) => {
    const now = performance.now();
    if (bytesDone < totalBytes && now - last < UPDATE_EVERY_MS) return;
    last = now;
    bar.update(bytesDone);
    if (bytesDone >= totalBytes) bar.stop();
  };
}
