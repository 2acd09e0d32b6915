import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTING_NAMES } from '../../src/config.ts';
import { REPO_ROOT } from '../cli/helpers.ts';
import { section } from './markdown-blocks.ts';

describe("README's configuration table", () => {
  it('lists every setting config.ts reads, once, and nothing it does not', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const rows = section(readme, 'Configuration')
      .split('\n')
      .map((line) => /^\| `([A-Z][A-Z0-9_]+)` +\|/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined);
    expect(SETTING_NAMES.length).toBeGreaterThan(50);
    for (const name of SETTING_NAMES) expect(rows, `${name} is missing from the table`).toContain(name);
    for (const name of rows) expect(SETTING_NAMES, `${name} is not read by config.ts`).toContain(name);
    expect(new Set(rows).size, 'a setting is listed twice').toBe(rows.length);
  });

  it('gives every setting a default and a meaning', () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    for (const line of section(readme, 'Configuration')
      .split('\n')
      .filter((l) => /^\| `[A-Z]/.test(l))) {
      const cells = line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((c) => c.trim());
      expect(cells, line).toHaveLength(3);
      expect(cells[1], `${cells[0]} has no default (– when there is none)`).not.toBe('');
      expect(cells[2]?.length ?? 0, `${cells[0]} has no meaning`).toBeGreaterThan(5);
    }
  });
});
