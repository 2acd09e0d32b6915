import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { CliError } from '../errors.ts';

const TASKS = ['sentiment', 'fake-news', 'summarize', 'job-match'] as const;

interface EvalCliOptions {
  data?: string;
  file?: string;
  report?: string;
  model: string;
}

/**
 * `textai eval TASK`: metrics of a model on held-out data — the shared dataset layout (`--data`)
 * or a generic labelled JSONL file (`--file`) — printed and written as a JSON report.
 */
export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description('evaluate a model on held-out data and write a JSON report')
    .argument('<task>', `one of: ${TASKS.join(', ')}`)
    .option('--data <dir>', 'folder in the shared datasets layout (default ../shared/datasets)')
    .option(
      '--file <file.jsonl>',
      'generic JSONL: {text, label} (sentiment: positive/negative/neutral; fake-news: fake/real, optional title); summarize: {text, summary}',
    )
    .option('--report <file.json>', 'where to write the JSON report (default build/eval/TASK.json)')
    .option('--model <spec>', "'builtin' or a path to a model file", 'builtin')
    .action(async (task: string, options: EvalCliOptions) => {
      if (!(TASKS as readonly string[]).includes(task))
        throw new CliError(`unknown task "${task}" (expected one of: ${TASKS.join(', ')})`);
      if (options.data && options.file) throw new CliError('use either --data or --file, not both');
      if (options.file && !existsSync(options.file)) throw new CliError(`file not found: ${options.file}`);
      const dataDir = options.file ? undefined : (options.data ?? '../shared/datasets');
      if (dataDir && !existsSync(dataDir)) throw new CliError(`data folder not found: ${dataDir}`);
      if (task === 'job-match') {
        const { runJobMatchEvaluation } = await import('../../ml/eval-job-match.ts');
        runJobMatchEvaluation({
          dataDir,
          file: options.file,
          report: options.report,
          model: options.model,
          out: (text) => process.stdout.write(`${text}\n`),
        });
        return;
      }
      if (task === 'summarize') {
        const { runSummarizeEvaluation } = await import('../../ml/run-eval-summarize.ts');
        let sections;
        try {
          sections = runSummarizeEvaluation({
            dataDir,
            file: options.file,
            report: options.report,
            model: options.model,
            out: (text) => process.stdout.write(`${text}\n`),
            log: (text) => process.stderr.write(`${text}\n`),
          });
        } catch (error) {
          if (options.file) throw new CliError((error as Error).message);
          throw error;
        }
        if (sections.length === 0) throw new CliError('nothing was evaluated');
        return;
      }
      const { runEvaluation } = await import('../../ml/run-eval.ts');
      const { sections } = runEvaluation(task as 'sentiment' | 'fake-news', {
        dataDir,
        file: options.file,
        report: options.report,
        model: options.model,
        out: (text) => process.stdout.write(`${text}\n`),
      });
      if (sections.length === 0) throw new CliError('nothing was evaluated');
    });
}
