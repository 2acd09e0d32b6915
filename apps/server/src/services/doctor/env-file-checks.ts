import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { git, gitWorkTree } from './git.ts';
import { outcome, pass, type DoctorCheck } from './types.ts';

/** Permission bits as `chmod` writes them (e.g. 644). */
export function octalMode(mode: number): string {
  return (mode & 0o777).toString(8).padStart(3, '0');
}

const envPermissions: DoctorCheck = {
  id: 'env-permissions',
  title: '.env permissions',
  run(ctx) {
    if (!existsSync(ctx.envFile)) return pass('no .env file');
    const mode = statSync(ctx.envFile).mode;
    if ((mode & 0o077) === 0) return pass(`${octalMode(mode)}: only its owner can read it`);
    return outcome(
      ctx.severe,
      `${octalMode(mode)}: other accounts on this machine can read the secrets in it`,
      `chmod 600 ${ctx.envFile}`,
    );
  },
};

/** Without git, a .gitignore line that would match the file at the folder's root. */
function ignoredByFile(gitignore: string): boolean {
  return readFileSync(gitignore, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .some((line) => ['.env', '/.env', '.env*', '*.env', '/.env*'].includes(line));
}

const envIgnored: DoctorCheck = {
  id: 'env-gitignored',
  title: '.env in .gitignore',
  async run(ctx) {
    const fix = 'add a line ".env" to .gitignore (and never git add it)';
    const tree = await gitWorkTree(ctx);
    if (tree.kind === 'repository') {
      // git's own answer covers every .gitignore, info/exclude and the global excludes file.
      const checked = await git(ctx, ['check-ignore', '--quiet', '--no-index', '.env']);
      if (checked.code === 0) return pass('git ignores .env');
      return outcome(ctx.severe, `.env is not ignored in the git checkout at ${tree.root}`, fix);
    }
    const gitignore = path.join(ctx.cwd, '.gitignore');
    if (existsSync(gitignore)) {
      return ignoredByFile(gitignore)
        ? pass('.gitignore lists .env')
        : outcome('warn', '.gitignore does not list .env', fix);
    }
    return pass('not a git checkout: nothing to ignore');
  },
};

export const envFileChecks: DoctorCheck[] = [envPermissions, envIgnored];
