import type { Command } from 'commander';
import { loadCliConfig } from '../config.ts';
import { CliError } from '../errors.ts';

function size(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/**
 * `textai models`: the neural backend's models in MODEL_CACHE_DIR. `pull` fetches a model's ONNX
 * files from HF_ENDPOINT (the hub by default, or a mirror), resumable and checksummed, with a
 * progress bar on a terminal; `list` shows what is there, with sizes and whether each is complete.
 */
export function registerModelsCommand(program: Command): void {
  const models = program.command('models').description('fetch and list neural models (MODEL_CACHE_DIR)');

  models
    .command('pull')
    .description('download models’ ONNX files into MODEL_CACHE_DIR (resumable, checksummed)')
    .argument('<model-id...>', 'hub model ids, e.g. Xenova/distilbert-base-uncased-finetuned-sst-2-english')
    .option('--revision <rev>', 'branch, tag or commit', 'main')
    .option('--dtype <dtype>', 'q8 (quantized when published, else full) or fp32', 'q8')
    .action(async (ids: string[], options: { revision: string; dtype: string }) => {
      if (options.dtype !== 'q8' && options.dtype !== 'fp32')
        throw new CliError('--dtype must be q8 or fp32');
      const dtype = options.dtype;
      const config = loadCliConfig();
      const { pullModel } = await import('../../neural/hub/pull.ts');
      const { fileProgress } = await import('../download-progress.ts');
      for (const id of ids) {
        try {
          const report = await pullModel(id, {
            cacheDir: config.models.cacheDir,
            hfEndpoint: config.models.hfEndpoint,
            revision: options.revision,
            dtype,
            onFile: (file) => fileProgress(`${id}/${file.path}`, file.size, process.stderr.isTTY),
          });
          process.stdout.write(
            `pulled ${report.id} (${report.files.length} files, ${size(report.bytes)}, revision ${report.revision}) into ${report.folder}\n`,
          );
        } catch (error) {
          throw new CliError(
            `could not pull ${id}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    });

  models
    .command('list')
    .description('list the models in MODEL_CACHE_DIR with their sizes and completeness')
    .option('--json', 'one JSON object per model')
    .action(async (options: { json?: boolean }) => {
      const config = loadCliConfig();
      const { listCachedModels } = await import('../../neural/model-folder.ts');
      const found = listCachedModels(config.models.cacheDir);
      if (options.json === true) {
        for (const m of found) process.stdout.write(`${JSON.stringify(m)}\n`);
        return;
      }
      if (found.length === 0) {
        process.stdout.write(
          `no models in ${config.models.cacheDir} (fetch one with textai models pull MODEL_ID)\n`,
        );
        return;
      }
      for (const m of found) {
        const state = m.complete ? 'complete' : `incomplete: ${m.problems.join('; ')}`;
        process.stdout.write(
          `${m.id}  ${size(m.bytes)}  ${m.files} files  ${m.revision ?? 'no manifest'}  ${state}\n`,
        );
      }
    });
}
