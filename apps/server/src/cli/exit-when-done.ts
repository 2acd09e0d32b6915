/** How long output gets to drain before the process ends anyway. */
const GRACE_MS = 2000;

/**
 * For checklist commands (doctor, smoke): a check that timed out may leave a socket or a database
 * pool open, which would keep the process alive after its report. The timer is unref'd, so a
 * process that ends normally ends at once; one held open ends with its exit status after the grace.
 */
export function exitWhenDone(): void {
  setTimeout(() => process.exit(), GRACE_MS).unref();
}
