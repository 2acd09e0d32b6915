import { passwordProblems } from '../accounts/password-policy.ts';
import { settingValue } from './environment-checks.ts';
import { outcome, pass, type DoctorCheck } from './types.ts';

/** The problems config.ts reports for one setting, without the "NAME: " it starts with. */
function ruleProblems(problems: ReadonlyMap<string, string[]>, name: string): string[] {
  return (problems.get(name) ?? []).map((p) => p.slice(name.length + 1).trim());
}

const secretKey: DoctorCheck = {
  id: 'secret-key',
  title: 'SECRET_KEY strength',
  run(ctx) {
    const problems = ruleProblems(ctx.productionProblems, 'SECRET_KEY');
    const fix = 'SECRET_KEY=$(openssl rand -hex 32) in .env (every session ends when it changes)';
    if (settingValue(ctx, 'SECRET_KEY') === undefined) {
      return ctx.production
        ? outcome('fail', 'not set', fix)
        : outcome('warn', 'not set: a random key per process, so sessions end at every restart', fix);
    }
    if (problems.length > 0) {
      return outcome(ctx.configProblems.has('SECRET_KEY') ? 'fail' : ctx.severe, problems.join('; '), fix);
    }
    return pass('at least 32 characters, not an example value');
  },
};

const adminPassword: DoctorCheck = {
  id: 'admin-password',
  title: 'ADMIN_PASSWORD strength',
  run(ctx) {
    const password = settingValue(ctx, 'ADMIN_PASSWORD');
    const username = ctx.config.admin.username;
    if (password === undefined) {
      return ctx.production
        ? outcome(
            'warn',
            'not set: a first start cannot create the admin account (fine once it exists)',
            'set ADMIN_PASSWORD for the first start, or create the admin with textai users create',
          )
        : pass('not set: the first start prints a one-time admin password');
    }
    const fix = `a passphrase of 12+ characters that is not common and does not contain "${username}"`;
    // The account rules refuse the admin at creation in any mode; config.ts's production rules add more.
    const accountProblems = passwordProblems(password, username);
    if (accountProblems.length > 0) return outcome('fail', accountProblems.join('; '), fix);
    const production = ruleProblems(ctx.productionProblems, 'ADMIN_PASSWORD');
    if (production.length > 0) return outcome(ctx.severe, production.join('; '), fix);
    return pass('meets the account and production password rules');
  },
};

const metricsToken: DoctorCheck = {
  id: 'metrics-token',
  title: 'Metrics protected',
  run(ctx) {
    if (settingValue(ctx, 'METRICS_TOKEN') !== undefined) return pass('GET /metrics needs METRICS_TOKEN');
    if (!ctx.production) return pass('METRICS_TOKEN not set: GET /metrics is open (development)');
    return outcome(
      'warn',
      'METRICS_TOKEN not set: anyone who reaches the server can read /metrics',
      'set METRICS_TOKEN=$(openssl rand -hex 24), or block /metrics at the proxy',
    );
  },
};

export const secretChecks: DoctorCheck[] = [secretKey, adminPassword, metricsToken];
