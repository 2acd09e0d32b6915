import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../../', import.meta.url);

describe('.env.example', () => {
  it('lists every setting config.ts reads, and nothing it does not', () => {
    const example = readFileSync(new URL('.env.example', root), 'utf8');
    const config = readFileSync(new URL('apps/server/src/config.ts', root), 'utf8');
    const schema = config.slice(config.indexOf('const envSchema'), config.indexOf('type Env'));
    const names = [...schema.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(50);
    const lines = example.split('\n');
    for (const name of names) {
      const index = lines.findIndex((line) => line.startsWith(`${name}=`));
      expect(index, `${name} missing from .env.example`).toBeGreaterThan(0);
    }
    const documented = lines.filter((l) => /^[A-Z]/.test(l)).map((l) => l.split('=')[0]);
    for (const name of documented) expect(names, `${name} is not read by config.ts`).toContain(name);
  });
});
