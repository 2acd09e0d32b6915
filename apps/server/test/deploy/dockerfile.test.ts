import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../cli/helpers.ts';
import { readYaml } from './deploy-files.ts';
import { allowedByDockerignore, contextSources, dockerfileStages, execForm } from './dockerfile.ts';

/**
 * There is no Docker engine on the test machine, so the image is not built here; hadolint is not
 * packaged for Debian or npm. These checks read deploy/Dockerfile for what the deployment relies on.
 */
describe('deploy/Dockerfile', () => {
  const stages = dockerfileStages();
  const runtime = stages.at(-1)!;
  const find = (keyword: string) => runtime.instructions.filter((i) => i.keyword === keyword);

  it('is multi-stage, with a slim Node.js runtime stage and no toolchain in it', () => {
    expect(stages.length).toBeGreaterThan(1);
    expect(runtime.from).toMatch(/^node:\$\{NODE_VERSION\}-\w+-slim$/);
    const runs = find('RUN')
      .map((i) => i.args)
      .join('\n');
    expect(runs).not.toMatch(/apt-get install|g\+\+|python3|npm (ci|install)/);
  });

  it('copies production dependencies only: npm ci --omit=dev, native modules rebuilt there', () => {
    const copies = find('COPY').map((i) => i.args);
    const dependencies = copies.find((args) => args.startsWith('--from=') && args.includes(' /app '));
    const stageName = /--from=(\S+)/.exec(dependencies ?? '')?.[1];
    const stage = stages.find((s) => s.name === stageName);
    const install = stage?.instructions.find((i) => i.keyword === 'RUN' && i.args.includes('npm ci'));
    expect(install?.args).toMatch(/npm ci --omit=dev/);
    expect(install?.args).toMatch(/npm rebuild better-sqlite3 bcrypt/);
  });

  it('bakes in the built-in models, the server bundle and the built web app', () => {
    const copies = find('COPY').map((i) => i.args);
    expect(copies).toContain('packages/core/models packages/core/models');
    // The bundle is used only beside the sources it was built from (bin/bundle.js).
    expect(copies).toContain('--from=build /app/apps/server/dist apps/server/dist');
    expect(copies).toContain('apps/server/src apps/server/src');
    expect(copies.some((args) => /--from=build \/app\/apps\/web\/dist apps\/web\/dist/.test(args))).toBe(
      true,
    );
  });

  it('runs as a fixed non-root user, with /data as its volume', () => {
    const users = find('USER').map((i) => i.args);
    expect(users).toHaveLength(1);
    expect(users[0]).toMatch(/^[1-9]\d{3,}(:[1-9]\d{3,})?$/);
    expect(find('VOLUME').map((i) => i.args)).toEqual(['["/data"]']);
    const env = find('ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toMatch(/DATA_DIR=\/data/);
  });

  it('checks readiness on /readyz with Node (no curl in a slim image), exposes 8501, stops on SIGTERM', () => {
    const [healthcheck] = find('HEALTHCHECK');
    expect(healthcheck?.args).toMatch(/CMD \["node", "-e", /);
    expect(execForm(healthcheck!.args).join(' ')).toContain('/readyz');
    expect(find('EXPOSE').map((i) => i.args)).toEqual(['8501']);
    expect(find('STOPSIGNAL').map((i) => i.args)).toEqual(['SIGTERM']);
    expect(execForm(find('ENTRYPOINT')[0]!.args)).toEqual(['node', 'apps/server/bin/textai.js']);
    expect(execForm(find('CMD')[0]!.args)).toEqual(['serve']);
  });

  it('uses the same readiness check as docker-compose.yml', () => {
    const [healthcheck] = find('HEALTHCHECK');
    const compose = readYaml('docker-compose.yml') as {
      services: Record<string, { healthcheck?: { test?: string[] } }>;
    };
    expect(compose.services['app']?.healthcheck?.test).toEqual(['CMD', ...execForm(healthcheck!.args)]);
  });

  it('copies only paths that exist and that the .dockerignore allowlist lets into the context', () => {
    const sources = contextSources(stages);
    expect(sources.length).toBeGreaterThan(10);
    for (const source of sources) {
      expect(existsSync(path.join(REPO_ROOT, source)), `${source} exists`).toBe(true);
      expect(allowedByDockerignore(source), `${source} is in the build context`).toBe(true);
    }
  });

  it('keeps data, dependencies, git history, datasets and secrets out of the build context', () => {
    const ignore = readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignore.find((line) => line.trim() !== '' && !line.startsWith('#'))).toBe('*');
    const excluded = [
      'data/textai.db',
      'node_modules/fastify/package.json',
      'apps/web/node_modules/vite/package.json',
      '.git/config',
      '.env',
      'apps/server/.env',
      'apps/server/src/.env.local',
      'packages/core/models/server.key',
      'apps/web/dist/index.html',
      'reports/eval.json',
      'docs/ARCHITECTURE.md',
    ];
    for (const file of excluded) expect(allowedByDockerignore(file), file).toBe(false);
    for (const file of [
      'apps/server/src/server.ts',
      'packages/core/models/sentiment.taim',
      'apps/web/index.html',
    ])
      expect(allowedByDockerignore(file), file).toBe(true);
  });
});
