import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { gitWorkTree } from './git.ts';
import { childEnvironment } from './run-command.ts';
import { currentSecrets, secretsIn } from './secret-patterns.ts';
import { outcome, pass, type DoctorCheck, type DoctorContext } from './types.ts';

interface Finding {
  commit: string;
  file: string;
  what: string;
}

/** `.env`, `.env.production`…, but not the templates meant to be committed. */
function isEnvFile(file: string): boolean {
  const name = path.posix.basename(file);
  return /^\.env(\..+)?$/.test(name) && !/\.(example|sample|template|dist|defaults?)$/.test(name);
}

/** Reads `git log --all -p` as it streams (constant memory) and notes every suspicious added line. */
function scanHistory(ctx: DoctorContext, root: string): Promise<Finding[]> {
  const secrets = currentSecrets(ctx);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const note = (finding: Finding) => {
    const key = `${finding.commit}\u0000${finding.file}\u0000${finding.what}`;
    if (!seen.has(key)) findings.push(finding);
    seen.add(key);
  };
  return new Promise((resolve, reject) => {
    const child = spawn(
      'git',
      ['log', '--all', '-p', '--no-color', '--no-ext-diff', '--no-textconv', '--format=commit %H'],
      { cwd: root, env: childEnvironment(ctx.env), signal: ctx.signal, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let commit = '';
    let file = '';
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('commit ')) commit = line.slice(7, 19);
      else if (line.startsWith('diff --git ')) {
        file = line.slice(line.lastIndexOf(' b/') + 3);
        if (isEnvFile(file)) note({ commit, file, what: 'a committed env file' });
      } else if (line.startsWith('+') && !line.startsWith('+++')) {
        for (const what of secretsIn(line, secrets)) note({ commit, file, what });
      }
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve(findings) : reject(new Error(`git log exited with status ${code}`)),
    );
  });
}

const gitHistory: DoctorCheck = {
  id: 'git-history',
  title: 'No secrets in git history',
  timeoutMs: 120_000,
  async run(ctx) {
    const tree = await gitWorkTree(ctx);
    if (tree.kind === 'no-git') {
      return outcome(
        'warn',
        'git is not installed: history not scanned',
        'install git, or scan the repository elsewhere',
      );
    }
    if (tree.kind === 'not-a-repository') return pass('not inside a git work tree: no history here');
    const findings = await scanHistory(ctx, tree.root);
    if (findings.length === 0) {
      return pass('no env files, private keys, cloud or API keys, or current secrets in any commit');
    }
    const shown = findings.slice(0, 5).map((f) => `${f.commit} ${f.file}: ${f.what}`);
    const more = findings.length > shown.length ? ` and ${findings.length - shown.length} more` : '';
    return outcome(
      ctx.severe,
      `${shown.join('; ')}${more}`,
      'treat these secrets as public: rotate them now; then remove the files from history (git filter-repo) and force-push',
    );
  },
};

export const gitHistoryChecks: DoctorCheck[] = [gitHistory];
