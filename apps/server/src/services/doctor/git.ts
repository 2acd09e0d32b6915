import { childEnvironment, isNotInstalled, runCommand, type CommandResult } from './run-command.ts';
import type { DoctorContext } from './types.ts';

export type GitWorkTree =
  { kind: 'repository'; root: string } | { kind: 'not-a-repository' } | { kind: 'no-git' };

export function git(ctx: DoctorContext, args: readonly string[]): Promise<CommandResult> {
  return runCommand('git', args, { cwd: ctx.cwd, env: childEnvironment(ctx.env), signal: ctx.signal });
}

/** Whether the deployment folder is inside a git work tree (a checkout), and where its root is. */
export async function gitWorkTree(ctx: DoctorContext): Promise<GitWorkTree> {
  try {
    const result = await git(ctx, ['rev-parse', '--show-toplevel']);
    if (result.code !== 0) return { kind: 'not-a-repository' };
    return { kind: 'repository', root: result.stdout.trim() };
  } catch (error) {
    if (isNotInstalled(error)) return { kind: 'no-git' };
    throw error;
  }
}
