import { SECRET_SETTINGS, settingValue } from './environment-checks.ts';
import type { DoctorContext } from './types.ts';

/** Shapes of secrets worth a fail wherever they turn up (git history, log files). */
export const SECRET_SHAPES: { what: string; pattern: RegExp }[] = [
  { what: 'a private key', pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/ },
  { what: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { what: 'a TextAI API key', pattern: /(?<![\w-])tai_[A-Za-z0-9_-]{43}(?![\w-])/ },
];

/** Shorter values would match ordinary text; real secrets are far longer. */
const MIN_SECRET_CHARS = 8;

export interface KnownSecret {
  /** Which secret, for the report (the value is never printed). */
  what: string;
  value: string;
}

/** The secrets this deployment uses now: the secret settings and passwords inside database URLs. */
export function currentSecrets(ctx: DoctorContext): KnownSecret[] {
  const secrets = SECRET_SETTINGS.map((name) => ({
    what: `the current ${name}`,
    value: settingValue(ctx, name),
  }));
  for (const name of ['DATABASE_URL', 'REDIS_URL']) {
    const url = settingValue(ctx, name);
    if (url === undefined || !URL.canParse(url)) continue;
    secrets.push({ what: `the password in ${name}`, value: decodeURIComponent(new URL(url).password) });
  }
  return secrets.filter((s): s is KnownSecret => (s.value?.length ?? 0) >= MIN_SECRET_CHARS);
}

/** What a line gives away: the names of the secrets and secret shapes found in it. */
export function secretsIn(line: string, known: readonly KnownSecret[]): string[] {
  const found: string[] = [];
  for (const shape of SECRET_SHAPES) if (shape.pattern.test(line)) found.push(shape.what);
  for (const secret of known) if (line.includes(secret.value)) found.push(secret.what);
  return found;
}
