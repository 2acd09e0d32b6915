/* global URL, process, console */
// Bundles the server, the CLI and their worker threads into apps/server/dist with esbuild (which
// tsx already brings, so a production install has it too). Run by the root postinstall and by
// `npm run build:server`.
//
// Why: run from source, every start sends ~240 TypeScript modules through tsx's loader thread,
// which costs about a second of start-up and ~45 MB of resident memory in the server and in every
// job thread. apps/server/bin/textai.js runs the bundle when it matches the sources (see
// bin/entry.js) and the sources through tsx otherwise, so editing a file never runs stale code.
//
// Two things a bundle changes are handled here, so the sources need not know about it:
// - `import.meta.url` in a bundled file would name the bundle, and paths built from it (the model
//   folder, the web app's dist) would point elsewhere. Each use is rewritten to the URL of the
//   original file, relative to the bundle, so the install folder can still move.
// - Worker threads are started from `new URL('./name-worker.mjs', import.meta.url)`. Those stay
//   relative to the bundle, and each such worker is built as an entry point of the same name in
//   the same flat folder, from its TypeScript body (name-worker.ts) when it has one.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVER = path.join(ROOT, 'apps/server');
const CLI_ENTRY = path.join(SERVER, 'src/cli/main.ts');
export const BUILD_INFO_FILE = 'build-info.json';
const WORKER_URL = /new URL\((['"])\.\/([\w-]+-worker)\.mjs\1, import\.meta\.url\)/g;
const PLACEHOLDER = '\u0000worker-url\u0000';

/** Every package a workspace depends on stays an import of node_modules; only our code is bundled. */
function externalPackages() {
  const manifests = [
    'package.json',
    'apps/server/package.json',
    'packages/core/package.json',
    'packages/contracts/package.json',
  ];
  const names = new Set(['@huggingface/transformers']);
  for (const manifest of manifests) {
    const json = JSON.parse(readFileSync(path.join(ROOT, manifest), 'utf8'));
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
      for (const name of Object.keys(json[field] ?? {})) if (!name.startsWith('@textai/')) names.add(name);
    }
  }
  return [...names].flatMap((name) => [name, `${name}/*`]);
}

/** The worker's body: its TypeScript file beside the .mjs launcher, or the plain .mjs itself. */
function workerSource(directory, name) {
  const typescript = path.join(directory, `${name}.ts`);
  return existsSync(typescript) ? typescript : path.join(directory, `${name}.mjs`);
}

function sourceUrlPlugin(outDir, workers) {
  return {
    name: 'source-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.(ts|mjs)$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        let contents = readFileSync(args.path, 'utf8');
        if (!contents.includes('import.meta.url')) return undefined;
        const kept = [];
        contents = contents.replace(WORKER_URL, (match, _quote, name) => {
          const source = workerSource(path.dirname(args.path), name);
          const known = workers.get(name);
          if (known !== undefined && known !== source) {
            throw new Error(
              `two workers named ${name}.mjs (${known} and ${source}): the bundle folder is flat`,
            );
          }
          workers.set(name, source);
          kept.push(match);
          return PLACEHOLDER;
        });
        const relative = path.relative(outDir, args.path).split(path.sep).join('/');
        contents = contents
          .replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`)
          .replaceAll(PLACEHOLDER, () => kept.shift());
        return { contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
      });
    },
  };
}

async function bundle(esbuild, outDir, entryPoints, workers) {
  return esbuild.build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    external: externalPackages(),
    // Stack traces name the original files and lines, as they do when run from source.
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [sourceUrlPlugin(outDir, workers)],
    banner: { js: '// Built by scripts/build-server.mjs from apps/server/src; do not edit.' },
  });
}

/**
 * The sources that went into the bundle, each with a hash of its contents, so that bin/entry.js
 * can tell whether the bundle still matches them.
 */
function buildInfo(metafile, bundleDir) {
  const files = Object.keys(metafile.inputs)
    .filter((input) => !input.includes('node_modules/'))
    .sort()
    .map((input) => {
      const absolute = path.resolve(ROOT, input);
      const sha256 = createHash('sha256').update(readFileSync(absolute)).digest('hex');
      // Relative to the bundle folder, like the rewritten import.meta.url values.
      return { path: path.relative(bundleDir, absolute).split(path.sep).join('/'), sha256 };
    });
  return { builtAt: new Date().toISOString(), node: process.version, files };
}

/**
 * Builds into a fresh folder beside `outDir` and swaps it in, so a process starting meanwhile
 * never sees half a bundle. Worker entry points are discovered while bundling, so the build runs
 * until the set of workers stops growing (twice in practice).
 */
export async function buildServer(outDir = path.join(SERVER, 'dist')) {
  const requireFromServer = createRequire(pathToFileURL(path.join(SERVER, 'package.json')));
  const esbuild = await import(pathToFileURL(requireFromServer.resolve('esbuild')).href);
  const staging = `${outDir}.building-${process.pid}`;
  const workers = new Map();
  let result;
  for (let known = -1; known !== workers.size;) {
    known = workers.size;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    result = await bundle(esbuild, staging, { textai: CLI_ENTRY, ...Object.fromEntries(workers) }, workers);
  }
  // Relative URLs were computed from the staging folder; it sits beside outDir, at the same depth.
  writeFileSync(
    path.join(staging, BUILD_INFO_FILE),
    `${JSON.stringify(buildInfo(result.metafile, staging), null, 1)}\n`,
  );
  rmSync(outDir, { recursive: true, force: true });
  renameSync(staging, outDir);
  return { outDir, workers: [...workers.keys()].sort() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const { outDir, workers } = await buildServer(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  console.log(
    `build-server: ${path.relative(process.cwd(), outDir) || '.'} (${workers.length} worker entries) in ${Date.now() - started} ms`,
  );
}
