import { outcome, pass, type DoctorCheck } from './types.ts';

/** The checklist's session timeout; longer idle sessions are a wider window for a stolen cookie. */
const MAX_IDLE_MINUTES = 30;

const appEnv: DoctorCheck = {
  id: 'app-env',
  title: 'APP_ENV',
  run(ctx) {
    const value = ctx.env['APP_ENV']?.trim() || 'development';
    if (value === 'production') return pass('production');
    if (ctx.production) {
      return outcome('fail', `${value}, checked with --production`, 'set APP_ENV=production in .env');
    }
    return pass(`${value} (textai doctor --production checks the production rules)`);
  },
};

const debug: DoctorCheck = {
  id: 'debug',
  title: 'DEBUG off',
  run(ctx) {
    if (!ctx.config.debug) return pass('DEBUG=false');
    return outcome(ctx.severe, 'DEBUG is on: verbose logs', 'set DEBUG=false');
  },
};

const authSettings: DoctorCheck = {
  id: 'auth-settings',
  title: 'Password hashing and sessions',
  run(ctx) {
    const { auth, sessions } = ctx.config;
    const idleMinutes = sessions.idleTimeoutMs / 60_000;
    const bcrypt = ctx.productionProblems.get('BCRYPT_COST');
    if (bcrypt !== undefined) return outcome(ctx.severe, bcrypt.join('; '), 'set BCRYPT_COST=12 (or more)');
    if (idleMinutes > MAX_IDLE_MINUTES) {
      return outcome(
        'warn',
        `sessions stay open ${idleMinutes} idle minutes`,
        `SESSION_TIMEOUT_MIN=${MAX_IDLE_MINUTES} or less`,
      );
    }
    return pass(`bcrypt cost ${auth.bcryptCost}, sessions end after ${idleMinutes} idle minutes`);
  },
};

const logLevel: DoctorCheck = {
  id: 'log-level',
  title: 'Log level',
  run(ctx) {
    const level = ctx.config.logLevel;
    if (level === 'silent') {
      return outcome(ctx.severe, 'silent: no logs at all', 'LOG_LEVEL=info');
    }
    if (ctx.production && (level === 'debug' || level === 'trace')) {
      return outcome('warn', `${level}: verbose logs in production`, 'LOG_LEVEL=info');
    }
    return pass(level);
  },
};

export const modeChecks: DoctorCheck[] = [appEnv, debug, authSettings, logLevel];
