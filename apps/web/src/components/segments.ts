/** A piece of the input text: plain, or covered by one highlighted span. */
export interface Segment<S> {
  text: string;
  start: number;
  span: S | null;
}

/**
 * Cuts `text` at the spans' character offsets. Spans are sorted; one that overlaps an earlier
 * span, or lies outside the text, is skipped, so every character appears exactly once.
 */
export function segmentText<S extends { start: number; end: number }>(
  text: string,
  spans: readonly S[],
): Segment<S>[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: Segment<S>[] = [];
  let cursor = 0;
  for (const span of sorted) {
    const start = Math.max(0, Math.floor(span.start));
    const end = Math.min(text.length, Math.floor(span.end));
    if (start < cursor || end <= start) continue;
    if (start > cursor) segments.push({ text: text.slice(cursor, start), start: cursor, span: null });
    segments.push({ text: text.slice(start, end), start, span });
    cursor = end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), start: cursor, span: null });
  return segments;
}
