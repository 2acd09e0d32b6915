import { CliError } from '../errors.ts';
import type { RowAnalyzer, ToolAdapter } from '../../tools/types.ts';

/** Loads the adapter's model; a missing or broken model file is fatal, with the loader's reason. */
export async function loadAnalyzer(adapter: ToolAdapter): Promise<RowAnalyzer> {
  try {
    return await adapter.load();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot load the ${adapter.name} model: ${reason}`);
  }
}
