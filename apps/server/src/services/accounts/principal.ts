import type { Tier } from '../../config.ts';
import type { ApiKey, Session, User } from '../../storage/repositories.ts';

/** Who is calling: decided once per request by the auth plugin. */
export type Principal =
  | { kind: 'guest'; ip: string }
  | { kind: 'session'; ip: string; user: User; session: Session }
  | { kind: 'api_key'; ip: string; user: User; key: ApiKey };

export function tierOf(principal: Principal): Tier {
  return principal.kind === 'guest' ? 'guest' : principal.user.tier;
}

/** The rate-limit subject: the key, else the user, else the client address. */
export function limitSubject(principal: Principal): string {
  if (principal.kind === 'api_key') return `key:${principal.key.id}`;
  if (principal.kind === 'session') return `user:${principal.user.id}`;
  return `ip:${principal.ip}`;
}
