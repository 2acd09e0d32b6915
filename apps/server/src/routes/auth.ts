import {
  changePasswordRequest,
  csrfResponse,
  errorEnvelope,
  forgotPasswordRequest,
  forgotPasswordResponse,
  loginRequest,
  meResponse,
  resetPasswordRequest,
  sessionResponse,
  settingsRequest,
  signupRequest,
  userView,
} from '@textai/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../plugins/auth.ts';
import {
  CSRF_COOKIE,
  clearSessionCookies,
  readSignedCookie,
  setCsrfCookie,
  setSessionCookie,
} from '../plugins/cookies.ts';
import { tierOf } from '../services/accounts/principal.ts';
import type { LoggedIn } from '../services/accounts/account-service.ts';
import { RESET_MAIL_ACCEPTED } from '../services/mail/password-reset-mail.ts';
import { randomToken } from '../services/secrets.ts';
import { presentUser } from './presenters.ts';

const errors = {
  400: errorEnvelope,
  401: errorEnvelope,
  403: errorEnvelope,
  409: errorEnvelope,
  429: errorEnvelope,
};

/** Signup, login, logout, password change and reset, the CSRF token, and who am I. */
export async function authRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const client = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] });
  const startSession = (request: FastifyRequest, reply: FastifyReply, loggedIn: LoggedIn) => {
    setSessionCookie(request, reply, loggedIn.token, app.services.config.sessions.maxAgeMs);
    // The CSRF token rotates at login: the pre-session token is replaced by the session's.
    setCsrfCookie(request, reply, loggedIn.csrfToken);
    return { user: presentUser(loggedIn.user), csrf_token: loggedIn.csrfToken };
  };

  api.get(
    '/auth/csrf',
    {
      schema: {
        tags: ['auth'],
        summary: 'CSRF token for cookie-authenticated requests',
        response: { 200: csrfResponse },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      const token =
        principal.kind === 'session'
          ? principal.session.csrfToken
          : (readSignedCookie(request, CSRF_COOKIE) ?? randomToken());
      setCsrfCookie(request, reply, token);
      return { csrf_token: token };
    },
  );

  api.post(
    '/auth/signup',
    {
      config: { csrf: 'pre-session' },
      schema: {
        tags: ['auth'],
        summary: 'Create an account and log in',
        body: signupRequest,
        response: { 201: sessionResponse, ...errors },
      },
    },
    async (request, reply) => {
      const loggedIn = await app.services.accounts.signup(request.body, client(request));
      return reply.code(201).send(startSession(request, reply, loggedIn));
    },
  );

  api.post(
    '/auth/login',
    {
      config: { csrf: 'pre-session' },
      schema: {
        tags: ['auth'],
        summary: 'Log in (sets the session cookie)',
        body: loginRequest,
        response: { 200: sessionResponse, ...errors },
      },
    },
    async (request, reply) => {
      const previous = request.principal;
      const loggedIn = await app.services.accounts.login(request.body, client(request));
      // A new session id at every login (no fixation); the old session, if any, ends.
      if (previous.kind === 'session') await app.services.sessions.end(previous.session.id);
      return startSession(request, reply, loggedIn);
    },
  );

  api.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const principal = request.principal;
      if (principal.kind === 'session') {
        await app.services.accounts.logout(principal.session.id, principal.user, request.ip);
      }
      clearSessionCookies(request, reply);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change password (ends your other sessions)',
        body: changePasswordRequest,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const sessionId = request.principal.kind === 'session' ? request.principal.session.id : undefined;
      await app.services.accounts.changePassword(
        user,
        sessionId,
        { currentPassword: request.body.current_password, newPassword: request.body.new_password },
        request.ip,
      );
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/auth/reset-password',
    {
      config: { csrf: 'pre-session' },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with a one-time reset token',
        body: resetPasswordRequest,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await app.services.accounts.resetPassword(request.body.token, request.body.new_password, request.ip);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/auth/forgot-password',
    {
      config: { csrf: 'pre-session' },
      schema: {
        tags: ['auth'],
        summary:
          'Email a one-time reset link (24 h) to the account; the same answer whether or not it exists',
        body: forgotPasswordRequest,
        response: { 202: forgotPasswordResponse, ...errors },
      },
    },
    async (request, reply) => {
      await app.services.passwordResetMail.request(request.body.username_or_email, {
        ip: request.ip,
        origin: `${request.protocol}://${request.host}`,
        log: request.log,
      });
      return reply.code(202).send({ message: RESET_MAIL_ACCEPTED });
    },
  );

  api.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The logged-in user and their limits',
        response: { 200: meResponse, 401: errorEnvelope },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const tier = tierOf(request.principal);
      const { hourly, dailyRows } = app.services.config.limits;
      const finite = (n: number) => (Number.isFinite(n) ? n : null);
      return {
        user: presentUser(user),
        auth: request.principal.kind === 'api_key' ? ('api_key' as const) : ('session' as const),
        limits: { hourly: finite(hourly[tier]), daily_rows: finite(dailyRows[tier]) },
      };
    },
  );

  api.patch(
    '/account/settings',
    {
      schema: {
        tags: ['account'],
        summary: 'Account settings (store inputs in history)',
        body: settingsRequest,
        response: { 200: userView, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return presentUser(await app.services.accounts.setStoreInputs(user, request.body.store_inputs));
    },
  );
}
