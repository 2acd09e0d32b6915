/** Latencies of one kind of request, summarised as the proof report shows them. */
export class LatencyLog {
  private readonly samples: number[] = [];
  private sorted = true;

  add(ms: number): void {
    this.samples.push(ms);
    this.sorted = false;
  }

  get count(): number {
    return this.samples.length;
  }

  /** The q-th percentile (0..100), nearest rank; 0 when nothing was recorded. */
  percentile(q: number): number {
    if (this.samples.length === 0) return 0;
    if (!this.sorted) this.samples.sort((a, b) => a - b);
    this.sorted = true;
    const rank = Math.min(this.samples.length, Math.max(1, Math.ceil((q / 100) * this.samples.length)));
    return this.samples[rank - 1] ?? 0;
  }
}

export function ms(value: number): string {
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}
