/**
 * `textai doctor`: every software-checkable item of the production checklist
 * (reference/production-checklist.md), each as pass / warn / fail with its fix.
 *
 * Checklist item → check:
 *   .env created from .env.example ............... env-file (also flags names nothing reads)
 *   all required variables, no example values .... required-settings, example-values, config
 *   SECRET_KEY, ADMIN_PASSWORD, APP_ENV, DEBUG ..... secret-key, admin-password, app-env, debug
 *   bcrypt cost ≥ 12, session timeout 30 min ...... auth-settings; log level INFO: log-level
 *   .env 600 and in .gitignore .................... env-permissions, env-gitignored
 *   no secrets in git history ..................... git-history
 *   folders created with the right modes .......... data-folder, backup-folder, model-folder,
 *                                                   log-folder; the database file: database
 *   disk, CPU and RAM allocated ................... disk-space, memory
 *   database reachable and migrated ............... database
 *   model load < 3 s, single query < 2 s .......... model-sentiment, -summarize, -fake-news, -job-match
 *   backup encrypted, scheduled, 30-day retention,
 *   recent and restorable ......................... backup-encryption, backup-schedule,
 *                                                   backup-recent, backup-restorable
 *   HTTPS on, certificate valid, DNS, HTTP → HTTPS  https, http-redirect (when PUBLIC_URL is set)
 *   security vulnerabilities checked, runtime ..... npm-audit, node-version
 *   log rotation, logs without secrets ............ log-rotation, log-secrets
 *   metrics collection (and not left open) ........ metrics-token
 *   alert thresholds and destination .............. alerts (it sends nothing: textai alert --test does)
 *
 * Not checked here, and why:
 *   - Firewall, open ports, SSH keys only, root login disabled, OS and system packages updated,
 *     swap, monitoring agent: host administration outside the application; doctor runs unprivileged
 *     (often in a container) and cannot see the host's firewall or sshd honestly.
 *   - Certificate auto-renewal, DNS records, domain: belong to the proxy and the registrar; doctor
 *     sees only their result (the https check fails when the name or the certificate is wrong).
 *   - Functionality after deploy (login, the four tools, API with a key, health, error count):
 *     `textai smoke URL` against the running instance; signup, batch, uploads, XSS, CSRF, input
 *     validation and rate limits: the test suite (`npm test`).
 *   - Batch > 50 items/s, file I/O, load, memory stability and leaks: benchmarks (`npm run bench`)
 *     and monitoring over time, not a seconds-long check.
 *   - Strong password policy enforced, rate limiting enabled, model caching: built in and always on
 *     (no setting turns them off), covered by the tests.
 *   - Docker/Compose installed, images build, containers start: only for Docker deployments; the
 *     deploy files and `docker compose ps` answer it there.
 *   - A test alert received: doctor must not page anyone; `textai alert --test` sends one, and
 *     whether a person saw it is not a state the software can read.
 *   - Documentation, runbook, incident plan, escalation contacts, on-call, legal texts (terms,
 *     privacy, cookies, GDPR/CCPA), retention and deletion policies, team sign-off, communication:
 *     decisions and documents of people, not states of the software.
 */
import type { ChecklistItem } from '../checklist.ts';
import { alertChecks } from './alert-checks.ts';
import { backupChecks } from './backup-checks.ts';
import { buildDoctorContext } from './context.ts';
import { databaseChecks } from './database-check.ts';
import { dependencyChecks } from './dependency-checks.ts';
import { envFileChecks } from './env-file-checks.ts';
import { environmentChecks } from './environment-checks.ts';
import { folderChecks } from './folder-checks.ts';
import { gitHistoryChecks } from './git-history-check.ts';
import { httpsChecks } from './https-checks.ts';
import { loggingChecks } from './logging-checks.ts';
import { modeChecks } from './mode-checks.ts';
import { modelChecks } from './model-checks.ts';
import { resourceChecks } from './resource-checks.ts';
import { runChecks } from './runner.ts';
import { secretChecks } from './secret-checks.ts';
import type { DoctorCheck } from './types.ts';

/** In the order a reader fixes things: settings, files, the machine, data, the outside world. */
export const DOCTOR_CHECKS: readonly DoctorCheck[] = [
  ...environmentChecks,
  ...secretChecks,
  ...modeChecks,
  ...envFileChecks,
  ...gitHistoryChecks,
  ...folderChecks,
  ...resourceChecks,
  ...databaseChecks,
  ...modelChecks,
  ...backupChecks,
  ...httpsChecks,
  ...dependencyChecks,
  ...loggingChecks,
  ...alertChecks,
];

export interface DoctorOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  /** Apply production rules whatever APP_ENV says. */
  production: boolean;
  onResult?: (item: ChecklistItem) => void;
}

export async function runDoctor(
  options: DoctorOptions,
): Promise<{ production: boolean; items: ChecklistItem[] }> {
  const context = buildDoctorContext(options);
  const items = await runChecks(
    DOCTOR_CHECKS,
    context,
    options.onResult ? { onResult: options.onResult } : {},
  );
  return { production: context.production, items };
}
