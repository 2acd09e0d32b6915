import { TOOL_NAMES, type ToolName } from '@textai/contracts';
import { SAMPLE_INPUTS } from '../tools/sample-inputs.ts';
import { outcome, pass, type DoctorCheck } from './types.ts';

/** The production checklist's targets: a cached model loads in under 3 s, a query takes under 2 s. */
const LOAD_TARGET_MS = 3000;
const QUERY_TARGET_MS = 2000;

function modelCheck(tool: ToolName): DoctorCheck {
  return {
    id: `model-${tool}`,
    title: `Model: ${tool}`,
    // The first check loads all four models; later ones find them loaded.
    timeoutMs: 60_000,
    async run(ctx) {
      const { tools, statuses } = await ctx.loadModels();
      const status = statuses.find((s) => s.tool === tool);
      if (status === undefined || status.status === 'failed') {
        return outcome(
          'fail',
          `${status?.spec ?? 'its model'} did not load: ${status?.error ?? 'unknown error'}`,
          'check the *_MODEL setting for this tool (builtin, or a readable model file)',
        );
      }
      if (status.status === 'fallback') {
        return outcome(
          ctx.severe,
          `the built-in model serves instead of ${status.spec}: ${status.error ?? 'unknown error'}`,
          `fetch the model with \`textai models pull ${status.spec}\` (and \`npm run neural:install\`), or set the tool's *_MODEL to builtin`,
        );
      }
      const started = performance.now();
      await tools.analyze(tool, SAMPLE_INPUTS[tool], true);
      const queryMs = performance.now() - started;
      const timings = `loaded in ${Math.round(status.loadMs)} ms, one query in ${queryMs.toFixed(1)} ms`;
      const detail = `${status.name}@${status.version} ${timings}`;
      if (status.loadMs > LOAD_TARGET_MS || queryMs > QUERY_TARGET_MS) {
        return outcome(
          ctx.severe,
          `${detail} (targets: load < ${LOAD_TARGET_MS} ms, query < ${QUERY_TARGET_MS} ms)`,
          'a smaller model, or a faster or less busy machine',
        );
      }
      return pass(detail);
    },
  };
}

export const modelChecks: DoctorCheck[] = TOOL_NAMES.map(modelCheck);
