import { Alert, Badge, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import { checkFakeNews } from '../api/tools.ts';
import type { FakeNewsRequest, FakeNewsResult } from '../api/types.ts';
import { InfoIcon } from '../components/icons.tsx';
import { ExampleButtons, ToolPage, ToolTextarea } from '../components/tool-parts.tsx';
import type { Example } from '../components/tool-parts.tsx';
import { ProbabilityBars, VerdictHeader } from '../components/verdict-parts.tsx';
import { ExplanationSection } from '../components/weighted-text.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { useStoredState } from '../hooks/use-stored-state.ts';
import { useRequiredText, useToolCall } from '../hooks/use-tool-call.ts';

const EXAMPLES: readonly Example<{ title: string; text: string }>[] = [
  {
    name: 'Miracle cure post',
    value: {
      title: 'Doctors HATE this: the one fruit that cures every virus in 24 hours!!',
      text:
        'SHOCKING!!! Experts say eating three lemons a day makes you immune to every virus, and the government is hiding it. ' +
        'Reportedly thousands have already been cured overnight. Share this before they delete it!!!',
    },
  },
  {
    name: 'Council report',
    value: {
      title: 'Council approves budget for new library',
      text:
        'The city council approved a 12 million euro budget for a new central library on Monday, ' +
        'according to the minutes published on its website. "The current building is too small for the number of visitors," ' +
        'said councillor Maria Jensen, who chairs the culture committee. Construction is expected to start next year.',
    },
  },
];

const VERDICT_COLOR: Record<FakeNewsResult['prediction'], MantineColor> = { FAKE: 'red', REAL: 'teal' };
const BAND_COLOR: Record<FakeNewsResult['confidence_band'], MantineColor> = {
  high: 'blue',
  medium: 'yellow',
  low: 'gray',
};

const SIGNAL_NAMES: Record<string, string> = {
  sensational_wording: 'Sensational wording',
  clickbait_title: 'Clickbait title',
  all_caps_ratio: 'ALL CAPS words',
  exclamation_runs: 'Exclamation runs',
  unattributed_claims: 'Unattributed claims',
  hedging: 'Hedging (per 100 words)',
  sources_cited: 'Sources cited',
  quotes: 'Quotes',
};

function signalName(name: string): string {
  return SIGNAL_NAMES[name] ?? name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

function signalValue(name: string, value: number): string {
  if (name === 'all_caps_ratio') return `${Math.round(value * 1000) / 10}%`;
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** What the model can and cannot tell (from docs/models/fake-news.md), shown before any result. */
function ModelLimits() {
  return (
    <Alert color="blue" variant="light" icon={<InfoIcon />} title="What this model can and cannot tell">
      <Text size="sm">
        It scores how much a text <em>reads like</em> fabricated stories it was trained on (political claims
        rated false, debunked COVID-19 posts, fake news and celebrity gossip). It does not check facts, does
        not know what happened after its training data was collected, and does not know who is speaking. A
        REAL verdict is not a confirmation and a FAKE verdict is not proof: read the confidence, and check the
        signals yourself.
      </Text>
    </Alert>
  );
}

function FakeNewsView({ input, result }: { input: FakeNewsRequest; result: FakeNewsResult }) {
  const titleSpans = result.explanation.filter((e) => e.field === 'title');
  const textSpans = result.explanation.filter((e) => e.field === 'text');
  return (
    <Stack gap="lg">
      <VerdictHeader
        caption="Verdict"
        verdict={result.prediction}
        color={VERDICT_COLOR[result.prediction]}
        confidence={result.confidence}
        extra={
          <Badge color={BAND_COLOR[result.confidence_band]} variant="light">
            {result.confidence_band} confidence
          </Badge>
        }
      />
      <ProbabilityBars
        bars={[
          { name: 'Fake', value: result.analysis.fake_probability, color: 'red' },
          { name: 'Real', value: result.analysis.real_probability, color: 'teal' },
        ]}
      />

      <div>
        <Title order={2} size="h4" id="signals-heading" mb={4}>
          Credibility signals
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          Plain measurements of the text, separate from the model&apos;s verdict.
        </Text>
        <Table.ScrollContainer minWidth={520}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Signal</Table.Th>
                <Table.Th scope="col">Value</Table.Th>
                <Table.Th scope="col">What it means</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.signals.map((signal) => (
                <Table.Tr key={signal.name}>
                  <Table.Th scope="row" fw={500}>
                    {signalName(signal.name)}
                  </Table.Th>
                  <Table.Td>{signalValue(signal.name, signal.value)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{signal.description}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </div>

      <ExplanationSection
        title="Words that drove the verdict"
        verdict={result.prediction}
        legendId="fake-news-legend"
        texts={[
          ...(input.title !== undefined && titleSpans.length > 0
            ? [{ label: 'Title', text: input.title, spans: titleSpans }]
            : []),
          { text: input.text, spans: textSpans },
        ]}
        spans={result.explanation}
      />
    </Stack>
  );
}

/** Fake news: FAKE or REAL with a calibrated confidence, plus plain credibility signals. */
export default function FakeNewsPage() {
  usePageTitle('Fake news');
  const [title, setTitle] = useStoredState('fake-news.title', '');
  const text = useRequiredText('fake-news.text');
  const tool = useToolCall(checkFakeNews);

  return (
    <ToolPage
      title="Fake news"
      intro="Does a claim or an article read like fabricated news? Paste its title (optional) and its text."
      before={<ModelLimits />}
      submitLabel="Check"
      tool={tool}
      onSubmit={() => {
        if (text.check())
          void tool.run(title.trim() === '' ? { text: text.text } : { text: text.text, title });
      }}
      fields={
        <>
          <TextInput
            label="Title"
            name="title"
            description="Optional: the headline, if there is one"
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
          />
          <ToolTextarea
            value={text.text}
            onChange={text.setText}
            error={text.empty ? 'Enter the text of the claim or article.' : undefined}
            description={`${text.text.length.toLocaleString()} characters`}
            minRows={6}
            maxRows={18}
          />
          <ExampleButtons
            examples={EXAMPLES}
            onPick={(example) => {
              setTitle(example.title);
              text.setText(example.text);
            }}
          />
        </>
      }
      renderResult={(input, result) => <FakeNewsView input={input} result={result} />}
    />
  );
}
