import { Stack } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import { analyzeSentiment } from '../api/tools.ts';
import type { SentimentRequest, SentimentResult } from '../api/types.ts';
import { ExampleButtons, ToolPage, ToolTextarea } from '../components/tool-parts.tsx';
import type { Example } from '../components/tool-parts.tsx';
import { ProbabilityBars, VerdictHeader } from '../components/verdict-parts.tsx';
import { ExplanationSection } from '../components/weighted-text.tsx';
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

function SentimentView({ input, result }: { input: SentimentRequest; result: SentimentResult }) {
  return (
    <Stack gap="lg">
      <VerdictHeader
        caption="Sentiment"
        verdict={result.label}
        color={LABEL_COLOR[result.label]}
        confidence={result.score}
      />
      <ProbabilityBars
        columns={3}
        bars={[
          { name: 'Positive', value: result.scores.positive, color: 'teal' },
          { name: 'Negative', value: result.scores.negative, color: 'red' },
          { name: 'Neutral', value: result.scores.neutral, color: 'gray' },
        ]}
      />
      <ExplanationSection
        title="Words that drove the result"
        verdict={result.label}
        legendId="sentiment-legend"
        texts={[{ text: input.text, spans: result.explanation }]}
        spans={result.explanation}
      />
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
