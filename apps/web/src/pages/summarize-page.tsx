import {
  Badge,
  Blockquote,
  Group,
  SegmentedControl,
  SimpleGrid,
  Slider,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { summarize } from '../api/tools.ts';
import type { SummarizeRequest, SummarizeResult } from '../api/types.ts';
import { segmentText } from '../components/segments.ts';
import { ExampleButtons, ToolPage, ToolTextarea, countWords } from '../components/tool-parts.tsx';
import type { Example } from '../components/tool-parts.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { useStoredState } from '../hooks/use-stored-state.ts';
import { useRequiredText, useToolCall } from '../hooks/use-tool-call.ts';

type LengthMode = 'sentences' | 'ratio' | 'words';

const MODES: { value: LengthMode; label: string }[] = [
  { value: 'sentences', label: 'Sentences' },
  { value: 'ratio', label: 'Ratio' },
  { value: 'words', label: 'Words' },
];

const EXAMPLES: readonly Example<{ title: string; text: string }>[] = [
  {
    name: 'City cycling report',
    value: {
      title: 'City doubles its cycle lanes',
      text:
        'The city council voted on Tuesday to double the length of protected cycle lanes by 2028. ' +
        'The plan adds 60 kilometres of separated lanes along the busiest commuter routes. ' +
        'Officials said the decision followed a two-year trial in which cycling on the pilot streets rose by 40 percent. ' +
        'Shop owners on the trial streets had feared a loss of trade, but a survey found footfall was unchanged. ' +
        'The project will cost 48 million euros, half of it paid by a national transport fund. ' +
        'Work on the first section is due to start in the spring, and the council will publish a map of the routes next month. ' +
        'Opposition members argued that the money should go to buses instead, and two of them voted against the plan. ' +
        'Cycling groups welcomed the vote but asked for safer junctions, where most accidents happen.',
    },
  },
  {
    name: 'Battery research',
    value: {
      title: '',
      text:
        'Researchers have built a sodium-ion battery that keeps 90 percent of its capacity after 5,000 charging cycles. ' +
        'Sodium is far more abundant than lithium, which could make large batteries cheaper and less dependent on mining. ' +
        'The team replaced the usual carbon anode with a layered material that lets sodium ions move in and out without cracking. ' +
        'Their cells store less energy per kilogram than the best lithium-ion cells, so they suit grid storage better than cars. ' +
        'The group is now working with a manufacturer to test cells the size of a phone battery. ' +
        'Independent experts called the result promising but said the material must still prove it can be made cheaply at scale.',
    },
  },
];

interface LengthSettings {
  mode: LengthMode;
  sentences: number;
  ratio: number;
  max: number;
  min: number;
}

function lengthFields(
  settings: LengthSettings,
): Pick<SummarizeRequest, 'sentences' | 'ratio' | 'max_length' | 'min_length'> {
  switch (settings.mode) {
    case 'sentences':
      return { sentences: settings.sentences };
    case 'ratio':
      return { ratio: settings.ratio };
    case 'words':
      // The minimum can never exceed the maximum (their ranges overlap between 50 and 100).
      return { max_length: settings.max, min_length: Math.min(settings.min, settings.max) };
  }
}

function LabelledSlider({
  label,
  valueText,
  ...props
}: {
  label: string;
  valueText: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange: (value: number) => void;
  marks?: { value: number; label: string }[];
}) {
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={500} component="span">
          {label}
        </Text>
        <Text size="sm" c="dimmed" component="span">
          {valueText}
        </Text>
      </Group>
      <Slider
        {...props}
        thumbLabel={label}
        thumbValueText={valueText}
        label={null}
        mb={props.marks ? 'md' : 0}
      />
    </Stack>
  );
}

function SummaryView({ input, result }: { input: SummarizeRequest; result: SummarizeResult }) {
  const segments = segmentText(input.text, result.sentences);
  const ratioPercent = Math.round(result.compression_ratio * 1000) / 10;
  return (
    <Stack gap="lg">
      <div>
        <Title order={2} size="h4" id="summary-heading" mb="xs">
          Summary
        </Title>
        <Blockquote p="md" className="summary-text">
          {result.summary}
        </Blockquote>
      </div>

      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md" component="dl" className="figures">
        <div>
          <Text component="dt" size="sm" c="dimmed">
            Original
          </Text>
          <Text component="dd" fw={700} size="lg">
            {result.original_length.toLocaleString()} words
          </Text>
        </div>
        <div>
          <Text component="dt" size="sm" c="dimmed">
            Summary
          </Text>
          <Text component="dd" fw={700} size="lg">
            {result.summary_length.toLocaleString()} words · {result.sentences.length} sentence
            {result.sentences.length === 1 ? '' : 's'}
          </Text>
        </div>
        <div>
          <Text component="dt" size="sm" c="dimmed">
            Compression
          </Text>
          <Text component="dd" fw={700} size="lg">
            {ratioPercent}% of the original
          </Text>
        </div>
      </SimpleGrid>

      {result.keywords.length > 0 && (
        <div>
          <Title order={2} size="h4" id="keywords-heading" mb="xs">
            Keywords
          </Title>
          <Group gap={6} component="ul" className="chip-list">
            {result.keywords.map((keyword) => (
              <Badge key={keyword.term} component="li" variant="light" size="lg" tt="none">
                {keyword.term}
              </Badge>
            ))}
          </Group>
        </div>
      )}

      <div>
        <Title order={2} size="h4" id="source-heading" mb={4}>
          Where the summary comes from
        </Title>
        <Text size="sm" c="dimmed" mb="xs" id="source-legend">
          <mark className="chosen">Highlighted</mark> sentences are the ones chosen for the summary.
        </Text>
        <div className="source-text" aria-describedby="source-legend">
          {segments.map((segment) =>
            segment.span === null ? (
              <span key={segment.start}>{segment.text}</span>
            ) : (
              <mark
                key={segment.start}
                className="chosen"
                title={`Sentence ${segment.span.index + 1}, score ${segment.span.score.toFixed(3)}`}
              >
                {segment.text}
              </mark>
            ),
          )}
        </div>
      </div>
    </Stack>
  );
}

/** Summarize: the sentences that carry a text, at the length asked for. */
export default function SummarizePage() {
  usePageTitle('Summarize');
  const text = useRequiredText('summarize.text');
  const [title, setTitle] = useStoredState('summarize.title', '');
  const [mode, setMode] = useStoredState('summarize.mode', 'words');
  const [sentences, setSentences] = useStoredState('summarize.sentences', 3);
  const [ratio, setRatio] = useStoredState('summarize.ratio', 0.3);
  const [max, setMax] = useStoredState('summarize.max', 130);
  const [min, setMin] = useStoredState('summarize.min', 30);
  const tool = useToolCall(summarize);
  const lengthMode: LengthMode = mode === 'sentences' || mode === 'ratio' ? mode : 'words';

  const onSubmit = () => {
    if (!text.check()) return;
    const request: SummarizeRequest = {
      text: text.text,
      ...(title.trim() === '' ? {} : { title: title.trim() }),
      ...lengthFields({ mode: lengthMode, sentences, ratio, max, min }),
    };
    void tool.run(request);
  };

  return (
    <ToolPage
      title="Summarize"
      intro="Picks the sentences that carry an article or a report, in their original order, at the length you choose."
      submitLabel="Summarize"
      tool={tool}
      onSubmit={onSubmit}
      fields={
        <>
          <TextInput
            label="Title"
            name="title"
            description="Optional: helps the model see what matters"
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
          />
          <ToolTextarea
            value={text.text}
            onChange={text.setText}
            error={text.empty ? 'Enter some text to summarize.' : undefined}
            description={`${countWords(text.text).toLocaleString()} words`}
            minRows={8}
            maxRows={20}
          />
          <ExampleButtons
            examples={EXAMPLES}
            onPick={(example) => {
              setTitle(example.title);
              text.setText(example.text);
            }}
          />
          <fieldset className="plain-fieldset">
            <legend className="fieldset-legend">Summary length</legend>
            <Stack gap="md">
              <SegmentedControl
                data={MODES}
                value={lengthMode}
                onChange={setMode}
                aria-label="Set the length by"
                w="fit-content"
              />
              {lengthMode === 'sentences' && (
                <LabelledSlider
                  label="Number of sentences"
                  valueText={`${sentences}`}
                  value={sentences}
                  min={1}
                  max={15}
                  step={1}
                  onChange={setSentences}
                />
              )}
              {lengthMode === 'ratio' && (
                <LabelledSlider
                  label="Share of the original"
                  valueText={`${Math.round(ratio * 100)}%`}
                  value={ratio}
                  min={0.05}
                  max={0.9}
                  step={0.05}
                  onChange={setRatio}
                />
              )}
              {lengthMode === 'words' && (
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xl">
                  <LabelledSlider
                    label="Maximum words"
                    valueText={`${max} words`}
                    value={max}
                    min={50}
                    max={200}
                    step={5}
                    onChange={setMax}
                  />
                  <LabelledSlider
                    label="Minimum words"
                    valueText={`${Math.min(min, max)} words`}
                    value={min}
                    min={20}
                    max={100}
                    step={5}
                    onChange={setMin}
                  />
                </SimpleGrid>
              )}
            </Stack>
          </fieldset>
        </>
      }
      renderResult={(input, result) => <SummaryView input={input} result={result} />}
    />
  );
}
