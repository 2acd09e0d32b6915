/** Where to go after logging in: the `next` query parameter when it is a path on this site. */
export function nextPath(search: string, fallback = '/sentiment'): string {
  const next = new URLSearchParams(search).get('next');
  // Only same-site paths: "//host" and "/\host" would leave the site (an open redirect).
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  if (next.startsWith('/login') || next.startsWith('/signup')) return fallback;
  return next;
}

/** A notice passed in navigation state, e.g. by a tool page whose session has ended. */
export function noticeFrom(state: unknown): string | null {
  if (typeof state === 'object' && state !== null && 'notice' in state) {
    const notice = (state as { notice: unknown }).notice;
    if (typeof notice === 'string') return notice;
  }
  return null;
}
