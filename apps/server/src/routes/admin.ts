import {
  adminPatchUserRequest,
  adminUsersQuery,
  adminUsersResponse,
  auditQuery,
  auditResponse,
  errorEnvelope,
  idParams,
  resetLinkResponse,
  statsResponse,
  userView,
} from '@textai/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireAdmin } from '../plugins/auth.ts';
import { AppError, featureDisabled } from '../services/errors.ts';
import { iso, pagination, presentAuditEvent, presentUser } from './presenters.ts';

const errors = { 400: errorEnvelope, 401: errorEnvelope, 403: errorEnvelope, 404: errorEnvelope };

/** Admin: users (search, tiers, disable, reset links), system stats and the audit log. */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const admin = (request: FastifyRequest) => {
    if (!app.services.config.features.admin) throw featureDisabled('the admin dashboard');
    return requireAdmin(request);
  };

  api.get(
    '/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Users, searchable by name or email',
        querystring: adminUsersQuery,
        response: { 200: adminUsersResponse, ...errors },
      },
    },
    async (request) => {
      admin(request);
      const { limit, offset, q } = request.query;
      const page = await app.services.storage.users.list({ limit, offset, ...(q ? { search: q } : {}) });
      return { data: page.items.map(presentUser), pagination: pagination(page.total, limit, offset) };
    },
  );

  api.patch(
    '/admin/users/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change a user’s tier or disable them',
        params: idParams,
        body: adminPatchUserRequest,
        response: { 200: userView, ...errors },
      },
    },
    async (request) => {
      const actor = admin(request);
      const { id } = request.params;
      if (
        id === actor.id &&
        (request.body.disabled === true || (request.body.tier !== undefined && request.body.tier !== 'admin'))
      ) {
        throw new AppError(400, 'VALIDATION_ERROR', 'admins cannot disable or demote themselves');
      }
      let user;
      if (request.body.tier !== undefined)
        user = await app.services.accounts.setTier(id, request.body.tier, actor.id, request.ip);
      if (request.body.disabled !== undefined) {
        user = await app.services.accounts.setDisabled(id, request.body.disabled, actor.id, request.ip);
      }
      if (!user) throw new AppError(400, 'VALIDATION_ERROR', 'nothing to change');
      return presentUser(user);
    },
  );

  api.post(
    '/admin/users/:id/reset-password',
    {
      schema: {
        tags: ['admin'],
        summary: 'Issue a one-time password reset link (24 h)',
        params: idParams,
        response: { 200: resetLinkResponse, ...errors },
      },
    },
    async (request) => {
      const actor = admin(request);
      const { token, expiresAt } = await app.services.accounts.issueReset(
        request.params.id,
        actor.id,
        request.ip,
      );
      const base = app.services.config.publicUrl ?? `${request.protocol}://${request.host}`;
      return {
        reset_url: `${base.replace(/\/$/, '')}/reset-password#token=${token}`,
        token,
        expires_at: iso(expiresAt),
      };
    },
  );

  api.get(
    '/admin/stats',
    { schema: { tags: ['admin'], summary: 'System status', response: { 200: statsResponse, ...errors } } },
    async (request) => {
      admin(request);
      const { storage, tools, clock, history, startedAt } = app.services;
      await history.flush();
      const memory = process.memoryUsage();
      const dayAgo = clock.now() - 86_400_000;
      const [size, users, failures, queueDepth, activeJobs, errorsSinceStart] = await Promise.all([
        storage.sizeBytes(),
        storage.users.count(),
        storage.history.failures(dayAgo),
        storage.jobs.pendingRows(),
        storage.jobs.activeCount(),
        app.metrics.serverErrorsSinceStart(),
      ]);
      const runner = app.services.jobRunner;
      return {
        uptime_seconds: Math.round((clock.now() - startedAt) / 1000),
        memory: { rss_bytes: memory.rss, heap_used_bytes: memory.heapUsed },
        database: { dialect: storage.dialect, size_bytes: size },
        users,
        models: tools
          .models()
          .map((m) => ({ tool: m.tool, name: m.name, version: m.version, status: m.status })),
        queue_depth: queueDepth,
        jobs: {
          active: activeJobs,
          runner: runner === undefined ? ('bullmq' as const) : ('threads' as const),
          threads_busy: runner?.busy ?? null,
        },
        error_rate_24h: failures.items === 0 ? 0 : failures.failed / failures.items,
        calls_24h: failures.items,
        errors_since_start: errorsSinceStart,
      };
    },
  );

  api.get(
    '/admin/audit',
    {
      schema: {
        tags: ['admin'],
        summary: 'Security and admin events, newest first',
        querystring: auditQuery,
        response: { 200: auditResponse, ...errors },
      },
    },
    async (request) => {
      admin(request);
      const { limit, offset, event } = request.query;
      const page = await app.services.storage.audit.list({ limit, offset, ...(event ? { event } : {}) });
      return { data: page.items.map(presentAuditEvent), pagination: pagination(page.total, limit, offset) };
    },
  );
}
