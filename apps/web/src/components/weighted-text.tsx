import { Box, Group, Stack, Text, Title } from '@mantine/core';
import type { CSSProperties } from 'react';
import type { WeightedSpan } from '../api/types.ts';
import { segmentText } from './segments.ts';

/*
 * The explanations' weights are relative to the predicted label: a positive weight is evidence
 * for the verdict, a negative one evidence against it (toward the other labels).
 */

function formatWeight(weight: number): string {
  return `${weight > 0 ? '+' : '−'}${Math.abs(weight).toFixed(2)}`;
}

function effect(weight: number, verdict: string): string {
  return weight > 0 ? `supports ${verdict}` : `counts against ${verdict}`;
}

/**
 * Words whose weight is under this share of the largest are left plain: every token has a weight,
 * and shading "the" and "a" would hide the few words that matter.
 */
const MIN_SHARE = 0.15;

/** Background strength grows with the weight's size relative to the largest one. */
function markStyle(weight: number, max: number): CSSProperties {
  const share = max > 0 ? Math.min(1, Math.abs(weight) / max) : 0;
  const percent = Math.round(15 + 45 * share);
  const color = weight > 0 ? 'var(--weight-for)' : 'var(--weight-against)';
  return { backgroundColor: `color-mix(in srgb, ${color} ${percent}%, transparent)` };
}

export function WeightLegend({ verdict, id }: { verdict: string; id: string }) {
  return (
    <Group gap="md" id={id} mb="xs">
      <Text size="sm" component="span">
        <mark className="weight weight-for legend-swatch">word</mark> supports {verdict}
      </Text>
      <Text size="sm" component="span">
        <mark className="weight weight-against legend-swatch">word</mark> counts against {verdict}
      </Text>
      <Text size="sm" c="dimmed" component="span">
        Stronger colour, stronger effect; faint words are left plain.
      </Text>
    </Group>
  );
}

/**
 * The input re-rendered as text nodes, with the words that drove the result highlighted: one
 * colour (solid underline) for evidence for the verdict, another (dashed) for evidence against.
 * User text is never parsed as HTML.
 */
export function WeightedText({
  text,
  spans,
  verdict,
  legendId,
}: {
  text: string;
  spans: readonly WeightedSpan[];
  verdict: string;
  /** The id of the WeightLegend that explains the colours. */
  legendId: string;
}) {
  const max = spans.reduce((m, s) => Math.max(m, Math.abs(s.weight)), 0);
  const shown = spans.filter((s) => s.weight !== 0 && Math.abs(s.weight) >= MIN_SHARE * max);
  const segments = segmentText(text, shown);
  return (
    <Box className="source-text" aria-describedby={legendId}>
      {segments.map((segment) =>
        segment.span === null ? (
          <span key={segment.start}>{segment.text}</span>
        ) : (
          <mark
            key={segment.start}
            className={`weight ${segment.span.weight > 0 ? 'weight-for' : 'weight-against'}`}
            style={markStyle(segment.span.weight, max)}
            title={`${formatWeight(segment.span.weight)}: ${effect(segment.span.weight, verdict)}`}
          >
            {segment.text}
          </mark>
        ),
      )}
    </Box>
  );
}

/** The strongest words with their weights: the same facts as the highlights, as a list to read. */
export function TopWeights({
  spans,
  verdict,
  limit = 8,
}: {
  spans: readonly WeightedSpan[];
  verdict: string;
  limit?: number;
}) {
  const top = [...spans]
    .filter((s) => s.weight !== 0)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, limit);
  if (top.length === 0) return null;
  return (
    <Box mt="sm">
      <Text size="sm" fw={600} mb={4}>
        Strongest words
      </Text>
      <ul className="top-weights">
        {top.map((span) => (
          <li key={`${span.start}-${span.end}`}>
            <span className={`weight ${span.weight > 0 ? 'weight-for' : 'weight-against'}`}>
              {span.token}
            </span>{' '}
            <Text component="span" size="sm" c="dimmed">
              {formatWeight(span.weight)}, {effect(span.weight, verdict)}
            </Text>
          </li>
        ))}
      </ul>
    </Box>
  );
}

/** One text the explanation covers; `label` names it when there are several (a title and a text). */
export interface ExplainedText {
  label?: string;
  text: string;
  spans: readonly WeightedSpan[];
}

/**
 * "Words that drove the …": the legend, each text with its words highlighted, and the strongest
 * words as a list. Nothing when the result carries no explanation.
 */
export function ExplanationSection({
  title,
  verdict,
  legendId,
  texts,
  spans,
}: {
  title: string;
  verdict: string;
  legendId: string;
  texts: readonly ExplainedText[];
  /** Every span of the result, for the list of the strongest words. */
  spans: readonly WeightedSpan[];
}) {
  if (spans.length === 0) return null;
  return (
    <div>
      <Title order={2} size="h4" id="why-heading" mb="xs">
        {title}
      </Title>
      <WeightLegend verdict={verdict} id={legendId} />
      {texts.map((part) =>
        part.label === undefined ? (
          <WeightedText
            key="text"
            text={part.text}
            spans={part.spans}
            verdict={verdict}
            legendId={legendId}
          />
        ) : (
          <Stack gap={4} mb="sm" key={part.label}>
            <Text size="sm" fw={600}>
              {part.label}
            </Text>
            <WeightedText text={part.text} spans={part.spans} verdict={verdict} legendId={legendId} />
          </Stack>
        ),
      )}
      <TopWeights spans={spans} verdict={verdict} />
    </div>
  );
}
