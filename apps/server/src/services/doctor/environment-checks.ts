import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { looksLikeExample, SETTING_NAMES } from '../../config.ts';
import { outcome, pass, type DoctorCheck, type DoctorContext } from './types.ts';

/** Settings that hold secrets: checked for example values, searched for in git history and logs. */
export const SECRET_SETTINGS = [
  'SECRET_KEY',
  'ADMIN_PASSWORD',
  'BACKUP_KEY',
  'METRICS_TOKEN',
  'SMTP_PASSWORD',
  // Webhook URLs (Slack, Teams) carry their token: whoever has the URL can post alerts.
  'ALERT_WEBHOOK_URL',
];

/** What production cannot do without, and why (the fix names the reason). */
const REQUIRED_IN_PRODUCTION: Record<string, string> = {
  SECRET_KEY: 'signs session and CSRF cookies (openssl rand -hex 32)',
  BACKUP_KEY: 'backups refuse to run unencrypted in production (openssl rand -hex 32)',
};

const EXAMPLE_DOMAIN = /\bexample\.(com|org|net)\b/i;

export function settingValue(ctx: DoctorContext, name: string): string | undefined {
  const value = ctx.env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

const envFile: DoctorCheck = {
  id: 'env-file',
  title: '.env file',
  run(ctx) {
    if (!existsSync(ctx.envFile)) {
      return outcome(
        'warn',
        `no .env in ${ctx.cwd}: settings come only from the process environment`,
        'fine under systemd or docker with their own env files; otherwise cp .env.example .env && chmod 600 .env',
      );
    }
    const names = Object.keys(parseEnv(readFileSync(ctx.envFile, 'utf8')));
    const known = new Set(SETTING_NAMES);
    const unknown = names.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      return outcome(
        'warn',
        `${names.length} settings; not read by TextAI (typo?): ${unknown.join(', ')}`,
        'rename or remove them (.env.example lists every setting)',
      );
    }
    return pass(`${names.length} settings in ${ctx.envFile}`);
  },
};

const requiredSettings: DoctorCheck = {
  id: 'required-settings',
  title: 'Required settings',
  run(ctx) {
    const missing = Object.keys(REQUIRED_IN_PRODUCTION).filter(
      (name) => settingValue(ctx, name) === undefined,
    );
    if (missing.length === 0) return pass(`set: ${Object.keys(REQUIRED_IN_PRODUCTION).join(', ')}`);
    const fix = missing.map((name) => `${name}: ${REQUIRED_IN_PRODUCTION[name]}`).join('; ');
    return outcome(
      ctx.severe,
      `${ctx.production ? 'missing' : 'not set (production needs them)'}: ${missing.join(', ')}`,
      fix,
    );
  },
};

/** Which settings still hold a value copied from an example; names only, never the values. */
function exampleValued(ctx: DoctorContext): string[] {
  const found: string[] = [];
  for (const name of SETTING_NAMES) {
    const value = settingValue(ctx, name);
    if (value === undefined) continue;
    const secretExample = SECRET_SETTINGS.includes(name) && looksLikeExample(value);
    const exampleUrl = EXAMPLE_DOMAIN.test(value);
    const exampleCredentials = name === 'DATABASE_URL' && /\/\/user:password@/.test(value);
    if (secretExample || exampleUrl || exampleCredentials) found.push(name);
  }
  return found;
}

const exampleValues: DoctorCheck = {
  id: 'example-values',
  title: 'No example values',
  run(ctx) {
    const found = exampleValued(ctx);
    if (found.length === 0) return pass('no setting holds an example or placeholder value');
    return outcome(
      ctx.severe,
      `example or placeholder values in: ${found.join(', ')}`,
      'replace them with this deployment’s own values (secrets: openssl rand -hex 32)',
    );
  },
};

const configAccepted: DoctorCheck = {
  id: 'config',
  title: 'Configuration accepted',
  run(ctx) {
    const problems = [...ctx.configProblems.values()].flat();
    const rules = ctx.production ? 'production' : 'development';
    if (problems.length === 0) return pass(`the server accepts this configuration (${rules} rules)`);
    return outcome(
      'fail',
      `the server would refuse to start (${rules} rules): ${problems.join('; ')}`,
      'fix each setting named (the checks below say how); the rest of this report uses defaults for them',
    );
  },
};

export const environmentChecks: DoctorCheck[] = [envFile, configAccepted, requiredSettings, exampleValues];
