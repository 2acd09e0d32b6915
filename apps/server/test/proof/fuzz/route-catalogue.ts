import type { FastifyInstance, HTTPMethods } from 'fastify';

/** One method of one route the app serves, as its router knows it. */
export interface ServedRoute {
  method: HTTPMethods;
  /** The router's pattern, e.g. /api/v1/jobs/:id/events or /api/docs/static/*. */
  url: string;
}

/**
 * Every route of the app, read from its own router (printRoutes' radix tree: each node's full path
 * is its ancestors' segments joined), each confirmed with app.hasRoute so a misread tree fails loudly.
 */
export function servedRoutes(app: FastifyInstance): ServedRoute[] {
  const routes: ServedRoute[] = [];
  const segments: string[] = [];
  for (const line of app.printRoutes().split('\n')) {
    const node = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (node === null) continue;
    const depth = (node[1] ?? '').length / 4;
    segments.length = depth;
    segments.push(node[2] ?? '');
    const url = segments.join('');
    for (const method of (node[3] ?? '').split(',').map((m) => m.trim())) {
      if (method === '') continue;
      const route = { method: method as HTTPMethods, url };
      if (!app.hasRoute(route))
        throw new Error(`read ${method} ${url} from printRoutes, but the app has no such route`);
      routes.push(route);
    }
  }
  return routes;
}

export type RouteGroup =
  | 'tools'
  | 'batch'
  | 'jobs'
  | 'password'
  | 'auth'
  | 'keys'
  | 'history'
  | 'account'
  | 'analytics'
  | 'admin'
  | 'config'
  | 'ops'
  | 'docs'
  | 'web';

/** How the fuzz treats a route: its group, its share of the cases and what it may receive. */
export interface RoutePlan {
  group: RouteGroup;
  /** Cases per default run (before PROOF_SCALE). */
  cases: number;
  /** Also receives multipart/form-data bodies (uploads). */
  multipart?: boolean;
  /** A success ends the caller's session (or account): the identity is restored afterwards. */
  endsSession?: boolean;
}

const REGULAR = 300;
/** Password routes hash or verify with bcrypt (at BCRYPT_COST 4 here): a smaller share. */
const PASSWORD = 60;
/** HEAD is Fastify's copy of each GET: it gets a share of its own, smaller. */
const HEAD = 30;

/** The fuzz's catalogue: every served route must match exactly one rule, or the coverage test fails. */
const RULES: readonly { methods: readonly string[]; pattern: RegExp; plan: RoutePlan }[] = [
  {
    methods: ['POST'],
    pattern: /^\/api(\/v1)?\/job-match$/,
    plan: { group: 'tools', cases: REGULAR, multipart: true },
  },
  {
    methods: ['POST'],
    pattern: /^\/api(\/v1)?\/(sentiment|summarize|fake-news)$/,
    plan: { group: 'tools', cases: REGULAR },
  },
  { methods: ['POST'], pattern: /^\/api(\/v1)?\/batch\/:tool$/, plan: { group: 'batch', cases: REGULAR } },
  {
    methods: ['POST'],
    pattern: /^\/api\/v1\/jobs$/,
    plan: { group: 'jobs', cases: REGULAR, multipart: true },
  },
  {
    methods: ['GET', 'POST', 'DELETE'],
    pattern: /^\/api\/v1\/jobs(\/:id(\/(events|result|cancel))?)?$/,
    plan: { group: 'jobs', cases: REGULAR },
  },
  {
    methods: ['POST'],
    pattern: /^\/api\/v1\/(auth\/(signup|login|password|reset-password)|admin\/users\/:id\/reset-password)$/,
    plan: { group: 'password', cases: PASSWORD },
  },
  {
    methods: ['DELETE'],
    pattern: /^\/api\/v1\/account$/,
    plan: { group: 'password', cases: PASSWORD, endsSession: true },
  },
  {
    methods: ['POST'],
    pattern: /^\/api\/v1\/auth\/logout$/,
    plan: { group: 'auth', cases: REGULAR, endsSession: true },
  },
  {
    methods: ['GET', 'POST', 'PATCH'],
    pattern: /^\/api\/v1\/(auth\/(csrf|me|forgot-password)|account\/settings)$/,
    plan: { group: 'auth', cases: REGULAR },
  },
  {
    methods: ['GET', 'POST', 'DELETE'],
    pattern: /^\/api\/v1\/keys(\/:id)?$/,
    plan: { group: 'keys', cases: REGULAR },
  },
  {
    methods: ['GET', 'DELETE'],
    pattern: /^\/api\/v1\/history(\/export|\/:id)?$/,
    plan: { group: 'history', cases: REGULAR },
  },
  { methods: ['GET'], pattern: /^\/api\/v1\/account\/export$/, plan: { group: 'account', cases: REGULAR } },
  { methods: ['GET'], pattern: /^\/api\/v1\/analytics$/, plan: { group: 'analytics', cases: REGULAR } },
  {
    methods: ['GET', 'PATCH'],
    pattern: /^\/api\/v1\/admin\/(users|users\/:id|stats|audit)$/,
    plan: { group: 'admin', cases: REGULAR },
  },
  { methods: ['GET'], pattern: /^\/api\/v1\/config$/, plan: { group: 'config', cases: REGULAR } },
  {
    methods: ['GET'],
    pattern: /^\/(healthz|readyz|_stcore\/health|metrics)$/,
    plan: { group: 'ops', cases: REGULAR / 2 },
  },
  { methods: ['GET'], pattern: /^\/api\/docs(\/.*)?$/, plan: { group: 'docs', cases: REGULAR / 3 } },
  { methods: ['GET'], pattern: /^\/\*?$/, plan: { group: 'web', cases: REGULAR } },
];

/** The plan for a served route, or undefined when the catalogue does not know it (a new route). */
export function planFor(route: ServedRoute): RoutePlan | undefined {
  const method = route.method === 'HEAD' ? 'GET' : route.method;
  const rule = RULES.find((r) => r.methods.includes(method) && r.pattern.test(route.url));
  if (rule === undefined) return undefined;
  return route.method === 'HEAD' ? { ...rule.plan, cases: HEAD, endsSession: false } : rule.plan;
}

/** The OpenAPI path of a router pattern: /jobs/:id → /jobs/{id}. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z_]+)/g, '{$1}');
}
