import { Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import { analyzeSentiment } from '../api/tools.ts';
import type { SentimentRequest, SentimentResult } from '../api/types.ts';
import { PercentRing } from '../components/percent-ring.tsx';
import { ExampleButtons, ToolPage, ToolTextarea } from '../components/tool-parts.tsx';
import type { Example } from '../components/tool-parts.tsx';
import { TopWeights, WeightLegend, WeightedText } from '../components/weighted-text.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { useRequiredText, useToolCall } from '../hooks/use-tool-call.ts';

const EXAMPLES: readonly Example<string>[] = [
  {
    name: 'Happy guest',
    value: 'The staff were lovely and the room was spotless. I would happily stay here again!',
  },
  {
    name: 'Late parcel',
    value:
      'The parcel arrived two weeks late, the box was crushed, and support never answered my emails. Terrible service.',
  },
  { name: 'Plain notice', value: 'The meeting has been moved to Thursday at 3 pm in room 204.' },
  {
    name: 'Mixed review',
    value: 'The food was delicious, but the service was painfully slow and the bill was wrong.',
  },
];

const LABEL_COLOR: Record<SentimentResult['label'], MantineColor> = {
  POSITIVE: 'teal',
  NEGATIVE: 'red',
  NEUTRAL: 'gray',
};

const percent = (value: number) => `${(Math.round(value * 1000) / 10).toFixed(1)}%`;

function SentimentView({ input, result }: { input: SentimentRequest; result: SentimentResult }) {
  const color = LABEL_COLOR[result.label];
  const probabilities = [
    { name: 'Positive', value: result.scores.positive, color: 'teal' },
    { name: 'Negative', value: result.scores.negative, color: 'red' },
    { name: 'Neutral', value: result.scores.neutral, color: 'gray' },
  ];
  return (
    <Stack gap="lg">
      <Group gap="xl" align="center">
        <PercentRing value={result.score} color={color} label="Confidence" />
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            Sentiment
          </Text>
          <Text className="verdict" c={color} data-label={result.label}>
            {result.label}
          </Text>
          <Text size="sm">Confidence {percent(result.score)}</Text>
        </Stack>
      </Group>

      <div>
        <Title order={2} size="h4" id="probabilities-heading" mb="xs">
          Probabilities
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          {probabilities.map((p) => (
            <Stack gap={4} key={p.name}>
              <Group justify="space-between" gap="xs">
                <Text size="sm">{p.name}</Text>
                <Text size="sm" fw={600}>
                  {percent(p.value)}
                </Text>
              </Group>
              <Progress value={p.value * 100} color={p.color} aria-label={`${p.name} probability`} />
            </Stack>
          ))}
        </SimpleGrid>
      </div>

      {result.explanation.length > 0 && (
        <div>
          <Title order={2} size="h4" id="why-heading" mb="xs">
            Words that drove the result
          </Title>
          <WeightLegend verdict={result.label} id="sentiment-legend" />
          <WeightedText
            text={input.text}
            spans={result.explanation}
            verdict={result.label}
            legendId="sentiment-legend"
          />
          <TopWeights spans={result.explanation} verdict={result.label} />
        </div>
      )}
    </Stack>
  );
}

/** Sentiment: a text in, POSITIVE/NEGATIVE/NEUTRAL out, with the words that weighed most. */
export default function SentimentPage() {
  usePageTitle('Sentiment');
  const text = useRequiredText('sentiment.text');
  const tool = useToolCall(analyzeSentiment);

  return (
    <ToolPage
      title="Sentiment"
      intro="Is a review, a post or a message positive, negative or neutral? The model answers with its confidence and highlights the words that weighed most."
      gap="sm"
      submitLabel="Analyze"
      tool={tool}
      onSubmit={() => {
        if (text.check()) void tool.run({ text: text.text });
      }}
      fields={
        <>
          <ToolTextarea
            value={text.text}
            onChange={text.setText}
            error={text.empty ? 'Enter some text to analyze.' : undefined}
            description={`${text.text.length.toLocaleString()} characters`}
            minRows={5}
            maxRows={16}
          />
          <ExampleButtons examples={EXAMPLES} onPick={text.setText} />
        </>
      }
      renderResult={(input, result) => <SentimentView input={input} result={result} />}
    />
  );
}
