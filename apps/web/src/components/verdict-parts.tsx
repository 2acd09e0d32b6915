import { Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';
import { PercentRing } from './percent-ring.tsx';

/** The parts of a classifier's result (sentiment, fake news): the verdict and its probabilities. */

/** A probability with one decimal: "87.5%". */
export function formatProbability(value: number): string {
  return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

/** The confidence ring, then the verdict in its colour under a caption, its confidence, and any extra. */
export function VerdictHeader({
  caption,
  verdict,
  color,
  confidence,
  extra,
}: {
  caption: string;
  verdict: string;
  color: MantineColor;
  confidence: number;
  /** Beside the confidence line (e.g. the confidence band). */
  extra?: ReactNode;
}) {
  return (
    <Group gap="xl" align="center">
      <PercentRing value={confidence} color={color} label="Confidence" />
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {caption}
        </Text>
        <Text className="verdict" c={color} data-label={verdict}>
          {verdict}
        </Text>
        <Group gap="xs">
          <Text size="sm">Confidence {formatProbability(confidence)}</Text>
          {extra}
        </Group>
      </Stack>
    </Group>
  );
}

export interface Probability {
  name: string;
  value: number;
  color: MantineColor;
}

/** One labelled bar per class, side by side (`columns`) or stacked in a narrow column. */
export function ProbabilityBars({ bars, columns = 1 }: { bars: readonly Probability[]; columns?: number }) {
  const items = bars.map((p) => (
    <Stack gap={4} key={p.name}>
      <Group justify="space-between" gap="xs">
        <Text size="sm">{p.name}</Text>
        <Text size="sm" fw={600}>
          {formatProbability(p.value)}
        </Text>
      </Group>
      <Progress value={p.value * 100} color={p.color} aria-label={`${p.name} probability`} />
    </Stack>
  ));
  return (
    <div>
      <Title order={2} size="h4" id="probabilities-heading" mb="xs">
        Probabilities
      </Title>
      {columns > 1 ? (
        <SimpleGrid cols={{ base: 1, sm: columns }} spacing="md">
          {items}
        </SimpleGrid>
      ) : (
        <Stack gap="xs" maw={520}>
          {items}
        </Stack>
      )}
    </div>
  );
}
