import type { ChecklistItem } from '../checklist.ts';
import { networkError } from '../network-error.ts';
import { SmokeClient } from './smoke-client.ts';
import { SMOKE_STEPS, type SmokeState } from './smoke-steps.ts';

export interface SmokeOptions {
  url: URL;
  username: string;
  password: string;
  apiKey?: string;
  /** Per request. */
  timeoutMs?: number;
}

/**
 * `textai smoke URL`: the deployment-day checks against a running instance, over public HTTP
 * only. Every step runs (a failed page does not hide a failed login); steps that need the login
 * fail as "not run" without it. Passwords and keys never enter a result.
 */
export async function runSmoke(options: SmokeOptions): Promise<ChecklistItem[]> {
  const state: SmokeState = {
    client: new SmokeClient(options.url, options.timeoutMs ?? 30_000),
    username: options.username,
    password: options.password,
    givenApiKey: options.apiKey,
    loggedIn: false,
    createdKey: undefined,
  };
  const items: ChecklistItem[] = [];
  for (const step of SMOKE_STEPS) {
    const base = { id: step.id, title: step.title };
    if (step.needsLogin && !state.loggedIn) {
      items.push({ ...base, status: 'fail', detail: 'not run: needs the login' });
      continue;
    }
    try {
      items.push({ ...base, ...(await step.run(state)) });
    } catch (error) {
      // Connection refused, DNS, TLS, timeouts: the step fails with the reason, smoke goes on.
      items.push({ ...base, status: 'fail', detail: `${options.url.origin}: ${networkError(error)}` });
    }
  }
  return items;
}
