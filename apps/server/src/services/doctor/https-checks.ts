import type { CheckOutcome } from '../checklist.ts';
import { networkError } from '../network-error.ts';
import { outcome, pass, type DoctorCheck, type DoctorContext } from './types.ts';

function publicUrl(ctx: DoctorContext): URL | CheckOutcome {
  const value = ctx.config.publicUrl;
  if (value === undefined) {
    return ctx.production
      ? outcome(
          'warn',
          'PUBLIC_URL not set: nothing to check',
          'set PUBLIC_URL=https://your.domain (reset links use it)',
        )
      : pass('PUBLIC_URL not set: nothing to check');
  }
  if (!URL.canParse(value))
    return outcome('fail', `PUBLIC_URL is not a URL`, 'PUBLIC_URL=https://your.domain');
  return new URL(value);
}

const https: DoctorCheck = {
  id: 'https',
  title: 'HTTPS reachable',
  run: async (ctx) => {
    const url = publicUrl(ctx);
    if (!(url instanceof URL)) return url;
    const fix =
      'serve the app through a TLS proxy (deploy/) with a valid certificate, and set PUBLIC_URL to its https:// address';
    if (url.protocol !== 'https:' && ctx.production) {
      return outcome('fail', `PUBLIC_URL is ${url.protocol}//, not https://`, fix);
    }
    try {
      // Certificate problems (expired, wrong name, untrusted) fail the request itself.
      const response = await fetch(url, { redirect: 'manual', signal: ctx.signal });
      await response.body?.cancel();
      if (response.status >= 400) return outcome('fail', `${url.origin} answered ${response.status}`, fix);
      return pass(
        `${url.origin} answered ${response.status}${url.protocol === 'https:' ? ' with a valid certificate' : ''}`,
      );
    } catch (error) {
      return outcome('fail', `${url.origin}: ${networkError(error)}`, fix);
    }
  },
};

const httpRedirect: DoctorCheck = {
  id: 'http-redirect',
  title: 'HTTP redirects to HTTPS',
  run: async (ctx) => {
    const url = publicUrl(ctx);
    if (!(url instanceof URL)) return url;
    if (url.protocol !== 'https:')
      return outcome(ctx.severe, 'PUBLIC_URL is not https://', 'see the https check');
    const plain = new URL(url.pathname, `http://${url.hostname}`);
    const fix = 'make the proxy answer port 80 with a 301 to https:// (deploy/ has an example)';
    try {
      const response = await fetch(plain, { redirect: 'manual', signal: ctx.signal });
      await response.body?.cancel();
      const location = response.headers.get('location') ?? '';
      if (![301, 308].includes(response.status) || !location.startsWith('https://')) {
        return outcome(
          ctx.severe,
          `${plain.origin} answered ${response.status}${location ? ` → ${location}` : ''}`,
          fix,
        );
      }
      return pass(`${plain.origin} answers ${response.status} → ${location}`);
    } catch (error) {
      return outcome(ctx.severe, `${plain.origin}: ${networkError(error)}`, fix);
    }
  },
};

export const httpsChecks: DoctorCheck[] = [https, httpRedirect];
