import { describe, expect, it } from 'vitest';
import { CREDIBILITY_SIGNAL_NAMES, computeCredibilitySignals } from '../src/fake-news/signals.ts';
import type { CredibilitySignal } from '../src/types.ts';

// Every text here was written for this test.

function byName(signals: CredibilitySignal[]): Record<string, number> {
  return Object.fromEntries(signals.map((s) => [s.name, s.value]));
}

const WIRE_REPORT =
  'LONDON (Reuters) - The Bank of England kept interest rates unchanged on Thursday, saying ' +
  'inflation was falling more slowly than it had expected. "We need to see more evidence that ' +
  'price pressures are easing," Governor Andrew Bailey told reporters after the decision. ' +
  'According to the Office for National Statistics, consumer prices rose 4.0% in the year to ' +
  'December. Economists polled by Reuters had expected a reading of 3.8%. Chancellor Jeremy Hunt ' +
  'said the figures showed that the government plan was "working". The minutes of the meeting ' +
  'are published at https://www.bankofengland.co.uk/monetary-policy-summary.';

const CLICKBAIT_POST =
  "SHOCKING!!! You WON'T BELIEVE what THEY are hiding from you!!! Doctors HATE this one weird " +
  'trick that cures EVERYTHING. Experts say the government has known for years, and sources say ' +
  'the video will be censored soon. It is said that this miracle cure could possibly save millions. ' +
  "Share this before it's deleted!!! WAKE UP PEOPLE?!";

describe('computeCredibilitySignals', () => {
  it('returns every signal once, in a fixed order, with a one-line description', () => {
    const signals = computeCredibilitySignals(WIRE_REPORT, 'Bank of England holds rates');
    expect(signals.map((s) => s.name)).toEqual([...CREDIBILITY_SIGNAL_NAMES]);
    expect(signals.map((s) => s.name)).toEqual([
      'sensational_wording',
      'clickbait_title',
      'all_caps_ratio',
      'exclamation_runs',
      'unattributed_claims',
      'hedging',
      'sources_cited',
      'quotes',
    ]);
    for (const s of signals) {
      expect(Number.isFinite(s.value)).toBe(true);
      expect(Math.round(s.value * 1000) / 1000).toBe(s.value);
      expect(s.description.length).toBeGreaterThan(20);
      expect(s.description).not.toContain('\n');
    }
  });

  it('finds sources and no sensational wording in a sober wire report', () => {
    const v = byName(computeCredibilitySignals(WIRE_REPORT, 'Bank of England holds rates'));
    expect(v.sensational_wording).toBe(0);
    expect(v.clickbait_title).toBe(0);
    expect(v.all_caps_ratio).toBe(0); // the dateline is not shouting
    expect(v.exclamation_runs).toBe(0);
    expect(v.unattributed_claims).toBe(0);
    expect(v.quotes).toBe(2);
    // The quote told reporters, "according to the ONS", "(Reuters)", "Hunt said", the link.
    expect(v.sources_cited).toBeGreaterThanOrEqual(4);
  });

  it('gives a shouty clickbait post high values', () => {
    const signals = computeCredibilitySignals(
      CLICKBAIT_POST,
      '10 Shocking Things Doctors Don’t Want You To Know!',
    );
    const v = byName(signals);
    expect(v.sensational_wording).toBeGreaterThanOrEqual(6);
    expect(v.clickbait_title).toBeGreaterThanOrEqual(3); // numbered list, teaser, exclamation
    expect(v.all_caps_ratio).toBeGreaterThan(0.1);
    expect(v.exclamation_runs).toBe(4);
    expect(v.unattributed_claims).toBe(3);
    expect(v.hedging).toBeGreaterThan(2);
    expect(v.sources_cited).toBe(0);
    expect(v.quotes).toBe(0);

    const description = (name: string): string => signals.find((s) => s.name === name)?.description ?? '';
    expect(description('exclamation_runs')).toMatch(/^4 runs of repeated exclamation marks/);
    expect(description('sensational_wording')).toContain('"shocking"');
    expect(description('clickbait_title')).toContain('numbered list');
    expect(description('unattributed_claims')).toContain('"experts say"');
  });

  it('scores the wire report as more credible than the clickbait post on every signal', () => {
    const sober = byName(computeCredibilitySignals(WIRE_REPORT));
    const shouty = byName(computeCredibilitySignals(CLICKBAIT_POST));
    for (const name of [
      'sensational_wording',
      'all_caps_ratio',
      'exclamation_runs',
      'unattributed_claims',
      'hedging',
    ]) {
      expect(shouty[name], name).toBeGreaterThan(sober[name]!);
    }
    expect(sober.sources_cited).toBeGreaterThan(shouty.sources_cited!);
  });

  it('gives clickbait_title 0 without a title, and says so', () => {
    for (const title of [undefined, '', '   ']) {
      const signal = computeCredibilitySignals(CLICKBAIT_POST, title).find(
        (s) => s.name === 'clickbait_title',
      );
      expect(signal?.value).toBe(0);
      expect(signal?.description).toMatch(/no title/i);
    }
  });

  it('recognises clickbait title patterns one by one', () => {
    const clickbait = (title: string): number =>
      byName(computeCredibilitySignals('Some text.', title)).clickbait_title!;
    expect(clickbait('7 reasons your phone battery dies so fast')).toBe(1);
    expect(clickbait('Is this the end of cash?')).toBe(1);
    expect(clickbait("You won't believe what this dog did")).toBe(1);
    expect(clickbait('This is why nobody trusts the polls')).toBe(1);
    expect(clickbait('SCIENTISTS ARE HIDING THE TRUTH')).toBe(1);
    expect(clickbait('Parliament passes housing bill')).toBe(0);
    expect(clickbait('3 killed in motorway crash')).toBe(0); // a number, but no listicle
    expect(clickbait('NHS waiting lists fall in UK')).toBe(0); // acronyms are not shouting
    // Same answer on repeated calls (no regex state carried over).
    expect(clickbait("You won't believe what this dog did")).toBe(1);
  });

  it('does not count acronyms as shouting but counts shouted runs', () => {
    const acronyms = byName(
      computeCredibilitySignals(
        'The FBI and the CIA briefed NATO and the EU, while the NHS and the WHO met in the US.',
      ),
    );
    expect(acronyms.all_caps_ratio).toBe(0);
    const shouting = byName(computeCredibilitySignals('THIS IS A SCAM and everyone should know it'));
    // THIS, IS and SCAM are shouted ("A" is too short to count); 8 words of 2+ letters.
    expect(shouting.all_caps_ratio).toBe(0.375);
  });

  it('counts runs of exclamation marks, including ?! mixes, but not single marks or ??', () => {
    const v = byName(computeCredibilitySignals('Wow! Really?! No way!!! Why?? Stop!!!!!'));
    expect(v.exclamation_runs).toBe(3);
  });

  it('handles curly and other quotation marks', () => {
    const v = byName(
      computeCredibilitySignals(
        '“We will rebuild the bridge by spring,” the mayor said. Critics called the plan “a fantasy”. ' +
          'A resident wrote: «I do not believe it». Another said „never again“.',
      ),
    );
    expect(v.quotes).toBe(4);
    expect(v.sources_cited).toBeGreaterThanOrEqual(3);
  });

  it('handles curly apostrophes in phrases', () => {
    const v = byName(
      computeCredibilitySignals('You won’t believe this. They don’t want you to know the truth.'),
    );
    expect(v.sensational_wording).toBe(2);
  });

  it('does not count a vague credit when a named source is right there', () => {
    const named = byName(
      computeCredibilitySignals(
        'Studies show, according to the World Health Organization, that smoking kills.',
      ),
    );
    expect(named.unattributed_claims).toBe(0);
    const vague = byName(
      computeCredibilitySignals('Studies show that smoking is good for you. Reportedly, it cures colds.'),
    );
    expect(vague.unattributed_claims).toBe(2);
  });

  it('counts hedges as a rate per 100 words', () => {
    const v = byName(
      computeCredibilitySignals(
        'The mayor allegedly took bribes and might resign, and the council could possibly act.',
      ),
    );
    // allegedly, might, could, possibly in 14 words.
    expect(v.hedging).toBe(28.571);
    // "May" the month is no hedge.
    expect(byName(computeCredibilitySignals('The vote is in May.')).hedging).toBe(0);
  });

  it('counts citations and links as sources', () => {
    const v = byName(
      computeCredibilitySignals(
        'A study published in The Lancet found lower risk (Smith et al., 2021). See also [3] and ' +
          'https://example.org/report. The findings were peer-reviewed.',
      ),
    );
    expect(v.sources_cited).toBe(5);
  });

  it('does not treat "exposed to" as sensational', () => {
    expect(
      byName(computeCredibilitySignals('Workers were exposed to asbestos for years.')).sensational_wording,
    ).toBe(0);
    expect(
      byName(computeCredibilitySignals('Corrupt mayor EXPOSED by leaked emails.')).sensational_wording,
    ).toBe(1);
  });

  it('does not crash on empty or odd text', () => {
    for (const text of ['', '   ', '!!!', '""', '“”', '12345', '😂😂😂', '"unclosed quote', 'a'.repeat(10)]) {
      const signals = computeCredibilitySignals(text);
      expect(signals).toHaveLength(CREDIBILITY_SIGNAL_NAMES.length);
      for (const s of signals) expect(Number.isFinite(s.value)).toBe(true);
    }
    const empty = byName(computeCredibilitySignals(''));
    expect(Object.values(empty).every((v) => v === 0)).toBe(true);
  });

  it('runs on a 100,000-character text quickly and returns sensible values', () => {
    const unit = `${WIRE_REPORT}\n\n${CLICKBAIT_POST}\n\n`;
    const text = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
    const copies = 100_000 / unit.length;
    const start = performance.now();
    const v = byName(computeCredibilitySignals(text, 'A title'));
    const elapsed = performance.now() - start;
    expect(elapsed).toBeLessThan(500); // ~10-20 ms on a laptop; generous for slow CI machines
    expect(v.exclamation_runs).toBeGreaterThan(3 * copies);
    expect(v.exclamation_runs).toBeLessThan(5 * copies);
    expect(v.quotes).toBeGreaterThan(1.5 * copies);
    expect(v.sensational_wording).toBeGreaterThan(5 * copies);
    expect(v.all_caps_ratio).toBeGreaterThan(0);
    expect(v.all_caps_ratio).toBeLessThan(0.2);
  });

  it('stays fast on pathological input', () => {
    const texts = [
      '"'.repeat(100_000),
      '!'.repeat(100_000),
      'A '.repeat(50_000),
      'Experts say '.repeat(8_000),
      '“'.repeat(50_000) + '”',
      ('x'.repeat(599) + '"').repeat(160),
      'according to '.repeat(7_000),
    ];
    const start = performance.now();
    for (const text of texts) expect(computeCredibilitySignals(text)).toHaveLength(8);
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});
