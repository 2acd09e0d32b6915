import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../cli/helpers.ts';
import { readDeployFile } from './deploy-files.ts';

/** deploy/Dockerfile read into its stages and instructions (continuation lines joined). */

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

export function dockerfileStages(text: string = readDeployFile('Dockerfile')): Stage[] {
  const logical = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const [image = '', as, name] = args.split(/\s+/);
      stages.push({ from: image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

/** The exec-form arguments of an instruction (`CMD ["node", "-e", "…"]`). */
export function execForm(args: string): string[] {
  const json = args.slice(args.indexOf('['));
  return JSON.parse(json) as string[];
}

/** The paths a COPY takes from the build context (not `--from` another stage). */
export function contextSources(stages: Stage[]): string[] {
  return stages.flatMap((stage) =>
    stage.instructions
      .filter((i) => i.keyword === 'COPY' && !i.args.includes('--from='))
      .flatMap((i) => {
        const parts = i.args.split(/\s+/).filter((part) => !part.startsWith('--'));
        return parts.slice(0, -1);
      }),
  );
}

/** A .dockerignore pattern as a regular expression: `**` any folders, `*` and `?` within one name. */
function patternToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      source += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * Whether `relative` is in the build context, as Docker reads the root .dockerignore: the last line
 * that matches the path or one of its parent folders decides, and a `!` line lets it back in.
 */
export function allowedByDockerignore(relative: string): boolean {
  const rules = readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const include = line.startsWith('!');
      const pattern = (include ? line.slice(1) : line).replace(/\/$/, '');
      return { include, regexp: patternToRegExp(pattern) };
    });
  const segments = relative.split('/');
  const candidates = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  let allowed = true;
  for (const rule of rules) {
    if (candidates.some((candidate) => rule.regexp.test(candidate))) allowed = rule.include;
  }
  return allowed;
}
