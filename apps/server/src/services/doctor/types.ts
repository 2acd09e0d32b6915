import type { Config } from '../../config.ts';
import type { CheckOutcome, CheckStatus } from '../checklist.ts';
import type { ModelStatus, ToolService } from '../tools/tool-service.ts';

/** What every check may look at. Built once per run (context.ts); `signal` is each check's own. */
export interface DoctorContext {
  /** Production rules apply: APP_ENV=production or `--production`. */
  production: boolean;
  /** `warn` in development, `fail` under production rules: for what production must not have. */
  severe: CheckStatus;
  /** The deployment's folder: where `textai` runs and where config.ts reads .env from. */
  cwd: string;
  envFile: string;
  /** The environment with .env loaded under it, as config.ts sees it. */
  env: Readonly<Record<string, string | undefined>>;
  /**
   * The configuration to find folders, database and models with. When the real one is refused,
   * the refused settings fall back to their defaults here (and their own checks fail).
   */
  config: Config;
  /** Problems the server would refuse to start with under the rules in force, by setting name. */
  configProblems: ReadonlyMap<string, string[]>;
  /** The same under production rules, whatever the mode (development runs warn about them). */
  productionProblems: ReadonlyMap<string, string[]>;
  /** The installation's root (package-lock.json, .env.example). */
  installRoot: string;
  /** The four models, loaded once for all model checks. */
  loadModels(): Promise<{ tools: ToolService; statuses: ModelStatus[] }>;
  /** Aborted when the check runs out of time: stop child processes and requests. */
  signal: AbortSignal;
}

export interface DoctorCheck {
  id: string;
  title: string;
  /** Longer than the runner's default for checks that read a lot or wait on the network. */
  timeoutMs?: number;
  run(ctx: DoctorContext): Promise<CheckOutcome> | CheckOutcome;
}

export const pass = (detail: string): CheckOutcome => ({ status: 'pass', detail });

export const outcome = (status: CheckStatus, detail: string, fix?: string): CheckOutcome =>
  fix === undefined ? { status, detail } : { status, detail, fix };
