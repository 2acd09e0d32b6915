import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type Config } from '../../config.ts';
import { ToolService, modelSpecsOf, neuralSettingsOf } from '../tools/tool-service.ts';
import type { DoctorContext } from './types.ts';

export type BaseContext = Omit<DoctorContext, 'signal'>;

/** Runs config.ts's own validation and groups its problems by setting: the rules live only there. */
function problemsOf(env: Record<string, string | undefined>): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  try {
    loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) {
      const name = problem.slice(0, Math.max(0, problem.indexOf(':'))) || 'configuration';
      problems.set(name, [...(problems.get(name) ?? []), problem]);
    }
  }
  return problems;
}

/**
 * A configuration to locate things with even when the real one is refused: development rules,
 * and each refused setting left to its default (its own check reports it). Every round drops the
 * settings named in the last refusal; a few rounds always end with the defaults.
 */
function lenientConfig(env: Record<string, string | undefined>): Config {
  const candidate: Record<string, string | undefined> = { ...env, APP_ENV: 'development' };
  for (let round = 0; round < 5; round++) {
    const problems = problemsOf(candidate);
    if (problems.size === 0) return loadConfig(candidate);
    for (const name of problems.keys()) delete candidate[name];
  }
  return loadConfig({ APP_ENV: 'development' });
}

export function buildDoctorContext(options: {
  env: Record<string, string | undefined>;
  cwd: string;
  production: boolean;
}): BaseContext {
  const { env, cwd } = options;
  const production = options.production || env['APP_ENV'] === 'production';
  const productionProblems = problemsOf({ ...env, APP_ENV: 'production' });
  const config = lenientConfig(env);
  let models: ReturnType<BaseContext['loadModels']> | undefined;
  return {
    production,
    severe: production ? 'fail' : 'warn',
    cwd,
    envFile: path.join(cwd, '.env'),
    env,
    config,
    configProblems: production ? productionProblems : problemsOf(env),
    productionProblems,
    installRoot: fileURLToPath(new URL('../../../../../', import.meta.url)),
    loadModels: () =>
      (models ??= (async () => {
        const tools = new ToolService(config.limits.maxTextChars);
        const statuses = await tools.load(modelSpecsOf(config), neuralSettingsOf(config));
        return { tools, statuses };
      })()),
  };
}
