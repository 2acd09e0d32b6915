import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../cli/helpers.ts';
import { apiKeyFor } from '../helpers/processes.ts';
import { runCommand, type CommandRun } from './run-command.ts';
import { scratchCheckout, type ScratchCheckout } from './scratch-checkout.ts';
import { startServedCommand, type ServedCommand } from './served-command.ts';
import { shellCommands, type ShellCommand } from './shell-commands.ts';

/**
 * Every command in the ```bash/```sh blocks of README.md and docs/DEPLOYMENT.md either runs here
 * and does what the document says, or is in the reviewed list below with the reason it cannot run
 * here. A command that matches no rule fails the test, and so does a rule that matches nothing.
 *
 * The commands run in order, as a reader would type them, each document in its own scratch
 * checkout (scratch-checkout.ts: the real sources through symbolic links, its own .env, data/ and
 * outputs), with bash, a 2-minute limit per command, and this environment — what the documents tell
 * the reader to have: HOST=127.0.0.1 and a free PORT (the documents' `:8501` is rewritten to it),
 * ADMIN_PASSWORD, KEY (an API key, once a server is up), SMOKE_USERNAME/SMOKE_PASSWORD, and
 * ALERT_WEBHOOK_URL pointing at a receiver in this test. The reader's files the README works on —
 * reviews.csv, reviews.jsonl, my-claims.jsonl — are written first. `npm start` is started, probed
 * on /readyz, kept for the commands after it (in both documents) and stopped at the end.
 */

interface Rule {
  /** Matched against the command without comments, whitespace folded. */
  match: RegExp;
  /** Not run here, because… (reviewed: say why, and what covers it instead). */
  skip?: string;
  /** Not run when this returns a reason (e.g. a missing data folder). */
  skipWhen?: () => string | undefined;
  /** A server: started, probed on /readyz, left running. */
  serve?: true;
  /** Needs a running server (and KEY). */
  needsServer?: true;
  /** Exit statuses that mean it worked (default 0 only). */
  exitCodes?: number[];
  /** What its standard output (or error) must show. */
  shows?: RegExp;
  /** A file (relative to the checkout) it must leave behind. */
  creates?: string;
}

const DATASETS = path.join(REPO_ROOT, '..', 'shared', 'datasets');
const noDatasets = () => (existsSync(DATASETS) ? undefined : `no datasets at ${DATASETS}`);

const RULES: Rule[] = [
  // README.md
  {
    match: /^npm install$/,
    skip:
      'a fresh install takes minutes and would rewrite the node_modules these tests run from; ' +
      '.ci/run installs from scratch with npm ci on every CI run',
  },
  { match: /^npm start$/, serve: true },
  { match: /^npm test$/, skip: 'the whole suite, this test included; CI runs it as its own step' },
  {
    match: /^npm run (typecheck|lint)$/,
    skip: 'takes one to two minutes on the whole tree; .ci/run runs both on every CI run',
  },
  {
    match: /^npm run format$/,
    skip: 'rewrites files in place; .ci/run runs `npm run format:check` instead',
  },
  {
    match: /^npm run bench$/,
    skip: 'measures throughput for minutes and needs an idle machine; not a correctness check',
  },
  { match: /^curl -s localhost:8501\/api\/v1\/sentiment /, needsServer: true, shows: /"label":"/ },
  { match: /^curl -s localhost:8501\/api\/v1\/jobs /, needsServer: true, shows: /"status":"queued"/ },
  { match: /^npx --no textai analyze fake-news "/, shows: /"prediction"/ },
  {
    match: /^npx --no textai analyze sentiment --input reviews\.jsonl --output results\.jsonl$/,
    creates: 'results.jsonl',
  },
  {
    match: /^npx --no textai analyze sentiment --input reviews\.csv --column review --output results\.csv$/,
    creates: 'results.csv',
  },
  {
    match: /^npx --no textai train fake-news --install$/,
    skip: 'would replace the shipped model in the checkout (and trains for minutes)',
  },
  {
    match: /^npx --no textai train (sentiment|summarize|job-match)$/,
    skip:
      'trains for minutes on ../shared/datasets; test/cli/train-eval-cli.test.ts runs train and eval ' +
      'end to end on a generated tiny dataset',
  },
  { match: /^npx --no textai eval (sentiment|job-match)$/, skipWhen: noDatasets, shows: /report written to/ },
  { match: /^npx --no textai eval fake-news --file my-claims\.jsonl$/, shows: /report written to/ },
  {
    match: /^npx --no textai eval summarize$/,
    skip: 'ROUGE over the BBC and CNN sets takes about five minutes',
  },
  {
    match: /^npm run neural:install$/,
    skip: 'installs into the node_modules these tests run from; .ci/run runs it on every CI run',
  },
  {
    match: /^npx --no textai models pull Xenova\//,
    skip:
      'fetches from the Hugging Face hub (no network here); test/neural/models-cli.test.ts pulls ' +
      'from a loopback hub with the same layout',
  },
  {
    match: /^SENTIMENT_MODEL=Xenova\/\S+ npm start$/,
    skip:
      'needs the pulled model; test/neural/neural-tools.test.ts serves tiny models through the API ' +
      'and neural-fallback.test.ts a model that is missing',
  },

  // docs/DEPLOYMENT.md
  { match: /^openssl rand -hex 32$/, shows: /^[0-9a-f]{64}\n$/ },
  { match: /^cp \.env\.example \.env$/, creates: '.env' },
  { match: /^chmod 600 \.env$/ },
  {
    match: /^npx --no textai doctor --production$/,
    // Here the .env is the example's (development values): production rules fail, exit 1.
    exitCodes: [0, 1],
    shows: /TextAI Studio doctor \(production rules\)/,
  },
  {
    match: /^(sudo|sudoedit) /,
    skip: 'needs root on the target machine (a system user, /opt, /etc and systemd units)',
  },
  { match: /^cd \/opt\/textai$/, skip: 'the install folder of the target machine' },
  {
    match: /^textai\(\) \{/,
    skip: 'defines a shell function around systemd-run, which needs root and systemd as PID 1',
  },
  { match: /^textai doctor --production$/, skip: 'calls that systemd-run function' },
  {
    match: /^docker /,
    skip:
      'needs a Docker engine; apps/server/test/deploy/ checks the compose file (docker compose config) ' +
      "and the image's health check command",
  },
  {
    match: /^install -m 600 \.env\.example deploy\/\.env$/,
    skip: "writes deploy/.env for the Docker steps, which do not run here (deploy/ is the checkout's own)",
  },
  { match: /^rsync .* backup-host:/, skip: 'copies to the reader’s own backup host' },
  // A backup is of a running deployment's database: the systemd steps above start it for a reader.
  { match: /^npx --no textai backup$/, needsServer: true, shows: /backup written: .*data\/backups\/.*\.tbk/ },
  { match: /^npx --no textai backup --verify "\$\(ls -t data\/backups\/\*\.tbk \| head -n 1\)"$/ },
  {
    match:
      /^npx --no textai restore "\$\(ls -t data\/backups\/\*\.tbk \| head -n 1\)" --data-dir data-restore-test$/,
    creates: 'data-restore-test/textai.db',
  },
  { match: /^curl -fsS http:\/\/127\.0\.0\.1:8501\/readyz$/, needsServer: true, shows: /"status":"ready"/ },
  {
    match: /^curl -fsS .*\/metrics \| grep textai_queue_depth$/,
    needsServer: true,
    shows: /textai_queue_depth/,
  },
  {
    match: /^npx --no textai alert --test$/,
    shows: /test alert delivered to http:\/\/127\.0\.0\.1:\d+ \(HTTP 200\)/,
  },
  { match: /^npx --no textai smoke http:\/\/127\.0\.0\.1:8501$/, needsServer: true },
];

const DOCUMENTS = ['README.md', 'docs/DEPLOYMENT.md'];
const ADMIN_PASSWORD = 'docs commands operator passphrase';
const COMMAND_TIMEOUT_MS = 120_000;

/** The reader's own files that the README's examples work on. */
const READER_FILES: Record<string, string> = {
  'reviews.csv': 'id,review\n1,The staff were lovely.\n2,Cold food and a long wait.\n',
  'reviews.jsonl': '{"id": "a", "text": "Great value."}\n{"id": "b", "text": "Never again."}\n',
  'my-claims.jsonl':
    '{"text": "The city council approved the budget on Tuesday.", "label": "real"}\n' +
    '{"text": "SHOCKING!!! This one weird trick cures everything, doctors hate it", "label": "fake"}\n',
};

function ruleFor(command: ShellCommand): Rule | undefined {
  return RULES.find((rule) => rule.match.test(command.normalized));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

describe('the commands in README.md and docs/DEPLOYMENT.md', () => {
  const documents = DOCUMENTS.map((file) => ({
    file,
    commands: shellCommands(readFileSync(path.join(REPO_ROOT, file), 'utf8'), file),
  }));
  const used = new Set<Rule>();
  const skipped: string[] = [];
  const ran: string[] = [];
  const checkouts: ScratchCheckout[] = [];
  let server: ServedCommand | undefined;
  let env: NodeJS.ProcessEnv;
  let port: number;
  let receiver: Server;
  let testAlerts = 0;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        if (body.includes('"alert":"test"')) testAlerts++;
        response.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const receiverAddress = receiver.address();
    const receiverPort = typeof receiverAddress === 'object' && receiverAddress ? receiverAddress.port : 0;
    port = await freePort();
    env = {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      TZ: 'UTC',
      npm_config_update_notifier: 'false',
      HOST: '127.0.0.1',
      PORT: String(port),
      ADMIN_PASSWORD,
      SMOKE_USERNAME: 'admin',
      SMOKE_PASSWORD: ADMIN_PASSWORD,
      ALERT_WEBHOOK_URL: `http://127.0.0.1:${receiverPort}/hook`,
    };
  });

  afterAll(async () => {
    await Promise.all(checkouts.map((c) => c.remove()));
    await new Promise((resolve) => receiver.close(resolve));
    console.info(`commands run, with their times:\n${ran.join('\n')}`);
    if (skipped.length > 0)
      console.info(`commands not run here, with the reviewed reason:\n${skipped.join('\n')}`);
  });

  it('has a rule for every command', () => {
    const unmatched = documents.flatMap((d) => d.commands).filter((c) => ruleFor(c) === undefined);
    expect(
      unmatched.map((c) => `${c.where}: ${c.normalized}`),
      'these commands are neither run nor in the reviewed skip list of commands.test.ts',
    ).toEqual([]);
  });

  async function run(command: ShellCommand, cwd: string): Promise<CommandRun> {
    const text = command.text.replaceAll(':8501', `:${port}`);
    return runCommand('bash', ['-o', 'pipefail', '-c', text], { cwd, env, timeoutMs: COMMAND_TIMEOUT_MS });
  }

  /**
   * The document's server: the one its own `npm start` started, or — for a command that needs a
   * running deployment in a document that starts it in a way this test cannot (systemd) — the same
   * server started with `npx --no textai serve` in that document's checkout.
   */
  async function ensureServer(cwd: string, command = 'npx --no textai serve'): Promise<void> {
    if (server !== undefined) return;
    server = await startServedCommand(command, {
      cwd,
      env,
      url: `http://127.0.0.1:${port}`,
      timeoutMs: COMMAND_TIMEOUT_MS,
    });
    env = { ...env, KEY: await apiKeyFor(server.url, 'admin', ADMIN_PASSWORD) };
  }

  for (const document of documents) {
    it(`${document.file}: every command runs, or is listed with its reason`, async () => {
      const checkout = await scratchCheckout();
      checkouts.push(checkout);
      for (const [name, content] of Object.entries(READER_FILES)) {
        await writeFile(path.join(checkout.dir, name), content);
      }
      try {
        await runDocument(document.commands, checkout.dir);
      } finally {
        await server?.stop();
        server = undefined;
      }
    }, 600_000);
  }

  async function runDocument(commands: ShellCommand[], cwd: string): Promise<void> {
    for (const command of commands) {
      const rule = ruleFor(command);
      if (rule === undefined) continue; // reported by the test above
      used.add(rule);
      const reason = rule.skip ?? rule.skipWhen?.();
      if (reason !== undefined) {
        skipped.push(`  ${command.where}: ${command.normalized.slice(0, 80)} — ${reason}`);
        continue;
      }
      const started = performance.now();
      const took = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
      if (rule.serve) {
        await ensureServer(cwd, command.text);
        ran.push(`  ${command.where}: ${command.normalized.slice(0, 80)} — ready in ${took()}`);
        continue;
      }
      if (rule.needsServer && server === undefined) {
        await ensureServer(cwd);
        ran.push(`  (a server for the commands below, ready in ${took()})`);
      }
      const result = await run(command, cwd);
      ran.push(`  ${command.where}: ${command.normalized.slice(0, 80)} — ${took()}`);
      const report = `${command.where}: ${command.normalized}\nexit ${result.code}${
        result.timedOut ? ' (timed out)' : ''
      }\n--- stdout\n${result.stdout.slice(-3000)}\n--- stderr\n${result.stderr.slice(-3000)}`;
      expect(rule.exitCodes ?? [0], report).toContain(result.code);
      if (rule.shows) expect(`${result.stdout}${result.stderr}`, report).toMatch(rule.shows);
      if (rule.creates) expect(existsSync(path.join(cwd, rule.creates)), report).toBe(true);
    }
  }

  it('delivered the test alert to the webhook', () => {
    expect(testAlerts).toBe(1);
  });

  it('has no stale rules', () => {
    const stale = RULES.filter((rule) => !used.has(rule)).map((rule) => String(rule.match));
    expect(stale, 'rules that match no command any more: remove them').toEqual([]);
  });
});
