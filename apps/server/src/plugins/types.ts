import type { Principal } from '../services/accounts/principal.ts';
import type { Services } from '../services/container.ts';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifyContextConfig {
    /**
     * 'pre-session': the route is reached before a session exists (login, signup, reset) and
     * checks the CSRF cookie instead of the session's token.
     */
    csrf?: 'pre-session';
    /** The API-key scope a key needs for this route; routes without one refuse keys. */
    scope?: 'tools' | 'batch' | 'history';
    /** The route also accepts guests (no session, no key). */
    guests?: boolean;
    /** Anyone may call the route, with or without a key or session, whatever the switches (GET /config). */
    public?: boolean;
  }
}

export {};
