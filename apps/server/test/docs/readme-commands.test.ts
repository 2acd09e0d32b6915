import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../cli/helpers.ts';
import { section } from './markdown-blocks.ts';

describe("README's table of textai commands", () => {
  it('names exactly the commands `textai --help` lists', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    const listed = help.stdout
      .slice(help.stdout.indexOf('Commands:'))
      .split('\n')
      .map((line) => /^ {2}([a-z][\w-]*)\b/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined && name !== 'help');
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const documented = section(readme, 'The `textai` command')
      .split('\n')
      .map((line) => /^\| `textai ([a-z][\w-]*)/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined);
    expect(listed.length).toBeGreaterThan(8);
    expect([...documented].sort()).toEqual([...listed].sort());
  });
});
