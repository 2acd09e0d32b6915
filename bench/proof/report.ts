/** reports/proof.md from the figures each part recorded (JSON Lines, see test/proof/figures.ts). */
import type { ProofFigure } from '../../apps/server/test/proof/figures.ts';
import type { Machine } from './machine.ts';

export interface SectionRun {
  /** load, mixed, soak or tests. */
  part: string;
  exitCode: number;
  seconds: number;
  /** The last lines of its output, shown when it failed without a missed figure to explain it. */
  outputTail: string;
}

export interface RecordedFigure extends ProofFigure {
  section: string;
}

export interface ReportInput {
  startedAt: Date;
  minutes: number;
  command: string;
  settings: string;
  machine: Machine;
  runs: readonly SectionRun[];
  figures: readonly RecordedFigure[];
}

const cell = (value: string | number) => String(value).replaceAll('|', '\\|').replaceAll('\n', ' ');

function verdict(figures: readonly RecordedFigure[]): { kept: number; promised: number } {
  const promised = figures.filter((f) => f.ok !== undefined);
  return { kept: promised.filter((f) => f.ok === true).length, promised: promised.length };
}

/** Whether every part exited 0 and every promise held. */
export function allKept(input: Pick<ReportInput, 'runs' | 'figures'>): boolean {
  return input.runs.every((r) => r.exitCode === 0) && input.figures.every((f) => f.ok !== false);
}

export function renderReport(input: ReportInput): string {
  const { machine } = input;
  const sections = [...new Set(input.figures.map((f) => f.section))];
  const lines = [
    '# Proof report',
    '',
    `Figures of the last run of \`${input.command}\`, ${input.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC ` +
      `(${input.minutes.toFixed(0)} min): ${input.settings}. Regenerate with \`npm run proof\` (on demand, not in CI); ` +
      '`npm run proof -- --quick` for a short check, `npm run proof -- load soak` for some parts only.',
    '',
    `**Result: ${allKept(input) ? 'every promise kept' : 'PROMISE BROKEN'}.** Speed figures carry no target: ` +
      'they depend on the machine, so the load compares each endpoint with a bare Fastify hello-world in the same run.',
    '',
    '## Machine',
    '',
    '| | |',
    '| --- | --- |',
    `| CPU | ${cell(machine.cpu)} |`,
    `| Cores | ${machine.cores} |`,
    `| Memory | ${machine.memory} |`,
    `| Node.js | ${machine.node} |`,
    `| OS | ${cell(machine.os)} |`,
    `| Load average at start (1 / 5 / 15 min) | ${machine.loadAverage} |`,
    '',
    '## Parts',
    '',
    '| Part | Exit | Time | Promises kept |',
    '| --- | --- | --- | --- |',
  ];
  for (const run of input.runs) {
    const own = input.figures.filter((f) =>
      run.part === 'tests' ? !['load', 'mixed', 'soak'].includes(f.section) : f.section === run.part,
    );
    const { kept, promised } = verdict(own);
    const exit = run.exitCode === 0 ? 'pass (0)' : `**FAILED (${run.exitCode})**`;
    lines.push(`| ${run.part} | ${exit} | ${Math.round(run.seconds)} s | ${kept} of ${promised} |`);
  }
  for (const run of input.runs.filter((r) => r.exitCode !== 0)) {
    lines.push('', `### ${run.part}: the end of its output`, '', '```text', run.outputTail.trimEnd(), '```');
  }
  for (const section of sections) {
    lines.push('', `## ${section}`, '', '| Figure | Value | Target | |', '| --- | --- | --- | --- |');
    for (const f of input.figures.filter((figure) => figure.section === section)) {
      const mark = f.ok === undefined ? '' : f.ok ? 'pass' : '**MISSED**';
      lines.push(`| ${cell(f.name)} | ${cell(f.value)} | ${cell(f.target ?? '')} | ${mark} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
