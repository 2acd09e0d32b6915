import type { BrowserContext } from 'playwright-core';

/**
 * Signs up or logs in through the API inside a browser context (which then holds the session) and
 * returns the session's CSRF token. Free of vitest, so the screenshot script uses it too.
 */
export async function apiSession(
  context: BrowserContext,
  url: string,
  route: 'signup' | 'login',
  body: object,
): Promise<string> {
  const csrf = await context.request.get(`${url}/api/v1/auth/csrf`);
  const { csrf_token: token } = (await csrf.json()) as { csrf_token: string };
  const response = await context.request.post(`${url}/api/v1/auth/${route}`, {
    headers: { 'x-csrf-token': token },
    data: body,
  });
  if (!response.ok()) throw new Error(`${route} failed: ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { csrf_token: string }).csrf_token;
}
