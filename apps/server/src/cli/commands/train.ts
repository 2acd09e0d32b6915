import type { Command } from 'commander';
import { CliError } from '../errors.ts';

const TASKS = ['sentiment', 'fake-news', 'summarize', 'job-match'] as const;
type TrainTask = (typeof TASKS)[number];

interface TrainCliOptions {
  data: string;
  out: string;
  install: boolean;
  l2?: string;
  folds: string;
  version?: string;
}

/**
 * `textai train TASK`: fits a built-in model from the shared datasets into a build folder
 * (./build/models by default) with a JSON report beside it; `--install` also replaces the shipped
 * model in packages/core/models.
 */
export function registerTrainCommand(program: Command): void {
  program
    .command('train')
    .description(
      'train a built-in model from the shared datasets (writes to --out; --install replaces the shipped model)',
    )
    .argument('<task>', `one of: ${TASKS.join(', ')}`)
    .option('--data <dir>', 'datasets folder', '../shared/datasets')
    .option('--out <dir>', 'build folder for the model file and its report', 'build/models')
    .option('--install', 'also copy the model into packages/core/models', false)
    .option('--l2 <values>', 'comma-separated L2 penalties to cross-validate (one value skips the search)')
    .option('--folds <n>', 'cross-validation folds', '3')
    .option('--model-version <version>', 'version written into the model file')
    .action(async (task: string, options: TrainCliOptions & { modelVersion?: string }) => {
      if (!(TASKS as readonly string[]).includes(task))
        throw new CliError(`unknown task "${task}" (expected one of: ${TASKS.join(', ')})`);
      if (task === 'job-match') {
        const { runJobMatchTraining } = await import('../../ml/train-job-match.ts');
        runJobMatchTraining({
          dataDir: options.data,
          outDir: options.out,
          install: options.install,
          version: options.modelVersion,
        });
        return;
      }
      const { runTraining } = await import('../../ml/run-training.ts');
      const l2Grid = options.l2 ? options.l2.split(',').map(Number) : undefined;
      if (l2Grid?.some((v) => !(v > 0)))
        throw new CliError('--l2 takes positive numbers, e.g. --l2 1e-6,3e-6');
      const folds = Number(options.folds);
      if (!Number.isInteger(folds) || folds < 2)
        throw new CliError('--folds must be an integer of at least 2');
      await runTraining(task as Exclude<TrainTask, 'job-match'>, {
        dataDir: options.data,
        outDir: options.out,
        install: options.install,
        l2Grid,
        folds,
        version: options.modelVersion,
      });
    });
}
