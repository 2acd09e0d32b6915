import type { FastifyRequest } from 'fastify';

/** URL schemes are case-insensitive (RFC 3986 §3.1); surrounding blanks are a typo, not a scheme. */
export function isHttpsUrl(url: string | undefined): boolean {
  return url !== undefined && /^\s*https:\/\//i.test(url);
}

/**
 * Whether the client talks to this deployment over HTTPS: the request came over HTTPS (directly,
 * or per X-Forwarded-Proto with TRUST_PROXY), or PUBLIC_URL is https://. The second clause keeps a
 * proxy that forgets X-Forwarded-Proto from downgrading what HTTPS-only promises depend on: Secure
 * cookies and HSTS decide by this one rule. A plain-HTTP deployment (http:// or no PUBLIC_URL)
 * never qualifies by configuration alone, since HSTS there would lock browsers out.
 */
export function isHttpsDeployment(request: FastifyRequest): boolean {
  return request.protocol === 'https' || isHttpsUrl(request.server.services.config.publicUrl);
}
