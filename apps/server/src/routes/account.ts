import { accountExportResponse, deleteAccountRequest, errorEnvelope } from '@textai/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../plugins/auth.ts';
import { clearSessionCookies } from '../plugins/cookies.ts';
import type { Job, User } from '../storage/repositories.ts';
import { presentAuditEvent, presentHistoryEntry, presentJob, presentKey, presentUser } from './presenters.ts';

/** Jobs are read a page at a time; a user's jobs are bounded by JOB_RETENTION_DAYS, not by a count. */
const JOB_PAGE = 500;

/** Privacy: everything stored about the caller, and deleting it all. */
export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/account/export',
    {
      schema: {
        tags: ['account'],
        summary: 'Everything stored about you, as JSON',
        description:
          'The account, API key details (never the keys), the number of open sessions, the whole history, ' +
          'your file jobs (metadata and counts, not their rows) and your security events.',
        response: { 200: accountExportResponse, 401: errorEnvelope, 403: errorEnvelope },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { apiKeys, history, storage, clock, config } = app.services;
      const entries = [];
      for await (const entry of history.all(user)) entries.push(presentHistoryEntry(entry));
      const stamp = new Date(clock.now()).toISOString().slice(0, 10);
      return reply.header('Content-Disposition', `attachment; filename="textai-account-${stamp}.json"`).send({
        exported_at: new Date(clock.now()).toISOString(),
        user: presentUser(user),
        api_keys: (await apiKeys.list(user)).map(presentKey),
        sessions: await storage.sessions.countForUser(user.id),
        history: entries,
        jobs: (await allJobs(user)).map((job) => presentJob(job, clock.now(), config.jobs.retentionDays)),
        security_events: (await storage.audit.listForUser(user.id)).map(presentAuditEvent),
      });
    },
  );

  async function allJobs(user: User): Promise<Job[]> {
    const jobs: Job[] = [];
    for (let offset = 0; ; offset += JOB_PAGE) {
      const page = await app.services.jobs.list(user.id, { limit: JOB_PAGE, offset });
      jobs.push(...page.items);
      if (page.items.length < JOB_PAGE || jobs.length >= page.total) return jobs;
    }
  }

  api.delete(
    '/account',
    {
      schema: {
        tags: ['account'],
        summary: 'Delete your account and all its data (password required)',
        body: deleteAccountRequest,
        response: { 204: z.null(), 400: errorEnvelope, 401: errorEnvelope, 403: errorEnvelope },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await app.services.history.flush();
      await app.services.accounts.deleteAccount(user, request.body.password, request.ip);
      clearSessionCookies(request, reply);
      return reply.code(204).send(null);
    },
  );
}
