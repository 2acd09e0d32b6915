import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  errorEnvelope,
  idParams,
  jobCreateFields,
  jobListQuery,
  jobListResponse,
  jobResultQuery,
  jobView,
} from '@textai/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../plugins/auth.ts';
import { consumeRequest, rowBudget } from '../plugins/rate-limit.ts';
import { AppError, featureDisabled } from '../services/errors.ts';
import type { JobUpload } from '../services/jobs/job-service.ts';
import { jobResultText } from '../services/jobs/job-results.ts';
import type { Job } from '../storage/repositories.ts';
import { pagination, presentJob } from './presenters.ts';
import { TRANSFER_TIMEOUT_MS } from './route-timeouts.ts';

const errors = {
  400: errorEnvelope,
  401: errorEnvelope,
  403: errorEnvelope,
  404: errorEnvelope,
  409: errorEnvelope,
  413: errorEnvelope,
  415: errorEnvelope,
  422: errorEnvelope,
  429: errorEnvelope,
};

/** How often an event stream looks at its job; any process's progress is in the database. */
const EVENTS_POLL_MS = 500;
const EVENTS_HEARTBEAT_MS = 15_000;

const ACTIVE = new Set(['queued', 'running']);

/** A filename safe for a Content-Disposition header. */
function downloadName(job: Job, format: string): string {
  const base =
    job.inputName
      .replace(/\.[^.]*$/, '')
      .replace(/[^\w.-]+/g, '_')
      .slice(0, 80) || 'job';
  return `${base}-${job.tool}-results.${format}`;
}

/**
 * Reads a multipart upload: the fields, and the one file streamed to a temporary file (never held
 * in memory). The multipart plugin's fileSize limit is MAX_UPLOAD_MB.
 */
async function receiveUpload(request: FastifyRequest, tmpDir: string, limitMb: number): Promise<JobUpload> {
  if (!request.isMultipart()) {
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the file as multipart/form-data');
  }
  const fields: Record<string, string> = {};
  let file: { path: string; filename: string; bytes: number } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname in fields) {
          throw new AppError(400, 'VALIDATION_ERROR', `"${part.fieldname}" was sent twice`);
        }
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file' || file !== undefined) {
        part.file.resume();
        throw new AppError(400, 'VALIDATION_ERROR', 'send exactly one file, in the field "file"');
      }
      const target = path.join(tmpDir, `upload-${crypto.randomUUID()}`);
      file = { path: target, filename: part.filename || 'upload', bytes: 0 };
      const counted = file;
      part.file.on('data', (chunk: Buffer) => {
        counted.bytes += chunk.length;
      });
      await pipeline(part.file, createWriteStream(target, { mode: 0o600 }));
      if (part.file.truncated) throw tooLarge(limitMb);
    }
  } catch (error) {
    if (file !== undefined) await rm(file.path, { force: true });
    if (isFileTooLarge(error)) throw tooLarge(limitMb);
    throw error;
  }
  if (file === undefined) throw new AppError(400, 'VALIDATION_ERROR', 'no file: send it in the field "file"');
  const parsed = jobCreateFields.safeParse(fields);
  if (!parsed.success) {
    await rm(file.path, { force: true });
    const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
    throw new AppError(
      400,
      'VALIDATION_ERROR',
      issues.map((i) => `${i.field || 'form'}: ${i.message}`).join('; '),
      { issues },
    );
  }
  return { ...file, fields: parsed.data };
}

function tooLarge(limitMb: number): AppError {
  return new AppError(413, 'PAYLOAD_TOO_LARGE', `the file is over the upload limit of ${limitMb} MB`, {
    limit_mb: limitMb,
  });
}

function isFileTooLarge(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'FST_REQ_FILE_TOO_LARGE';
}

/** File jobs: upload, list, progress (JSON and Server-Sent Events), results, cancel, delete. */
export async function jobRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { config } = app.services;
  const routeConfig = { scope: 'batch' as const };
  const onReject = (tier: string) => app.metrics.rateLimitRejections.inc({ tier });
  const limitRequests = (request: FastifyRequest, reply: FastifyReply) =>
    consumeRequest(request, reply, onReject);
  const tmpDir = path.join(config.dataDir, 'tmp');
  const view = (job: Job) => presentJob(job, app.services.clock.now(), config.jobs.retentionDays);
  const batchOn = () => {
    if (!config.features.batch) throw featureDisabled('batch processing');
  };

  api.post(
    '/jobs',
    {
      config: routeConfig,
      handlerTimeout: TRANSFER_TIMEOUT_MS,
      schema: {
        tags: ['jobs'],
        summary: 'Upload a CSV, TSV, JSONL or XLSX file and run a tool on every row',
        description:
          'multipart/form-data: `file`, `tool`, and `column` (or `title_column`; job-match: `resume_column` and ' +
          '`job_column`, or `job_description` to rank a column of résumés against one job), plus the ' +
          "tool's options. The file is checked (format, encoding, columns, row limit, daily row quota) " +
          'before the job is queued.',
        response: { 202: jobView, ...errors },
      },
      preHandler: limitRequests,
    },
    async (request, reply) => {
      batchOn();
      const user = requireUser(request);
      await mkdir(tmpDir, { recursive: true, mode: 0o700 });
      const upload = await receiveUpload(request, tmpDir, Math.round(config.limits.maxUploadBytes / 1048576));
      try {
        const prepared = await app.services.jobs.prepare(upload);
        const job = await app.services.jobs.start(user.id, prepared, await rowBudget(request, onReject));
        return reply.code(202).header('Location', `/api/v1/jobs/${job.id}`).send(view(job));
      } finally {
        await rm(upload.path, { force: true });
      }
    },
  );

  api.get(
    '/jobs',
    {
      config: routeConfig,
      schema: {
        tags: ['jobs'],
        summary: 'Your jobs, newest first',
        querystring: jobListQuery,
        response: { 200: jobListResponse, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { limit, offset } = request.query;
      const page = await app.services.jobs.list(user.id, { limit, offset });
      return { data: page.items.map(view), pagination: pagination(page.total, limit, offset) };
    },
  );

  api.get(
    '/jobs/:id',
    {
      config: routeConfig,
      schema: {
        tags: ['jobs'],
        summary: 'One job and its progress',
        params: idParams,
        response: { 200: jobView, ...errors },
      },
    },
    async (request) => view(await app.services.jobs.get(requireUser(request).id, request.params.id)),
  );

  api.get(
    '/jobs/:id/events',
    {
      config: routeConfig,
      handlerTimeout: TRANSFER_TIMEOUT_MS,
      schema: {
        tags: ['jobs'],
        summary: 'Progress as Server-Sent Events',
        description:
          'A `progress` event (the job, as GET /jobs/:id returns it) whenever it changes, then one `end` event ' +
          'when it is done, failed or cancelled. Any server process can serve it, wherever the job runs.',
        params: idParams,
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const first = await app.services.jobs.get(user.id, request.params.id);
      let open = true;
      request.raw.on('close', () => {
        open = false;
      });
      const storage = app.services.storage;
      async function* events(): AsyncGenerator<string> {
        yield `retry: 2000\n\n`;
        let job: Job | undefined = first;
        let last = '';
        let quietSince = Date.now();
        while (open && job !== undefined) {
          const data = JSON.stringify(view(job));
          if (data !== last) {
            last = data;
            quietSince = Date.now();
            yield `event: progress\ndata: ${data}\n\n`;
          } else if (Date.now() - quietSince >= EVENTS_HEARTBEAT_MS) {
            quietSince = Date.now();
            yield `: keep-alive\n\n`;
          }
          if (!ACTIVE.has(job.status)) {
            yield `event: end\ndata: ${data}\n\n`;
            return;
          }
          await sleep(EVENTS_POLL_MS);
          job = await storage.jobs.get(user.id, first.id);
        }
        // Deleted while being watched.
        if (open && job === undefined)
          yield `event: end\ndata: ${JSON.stringify({ id: first.id, deleted: true })}\n\n`;
      }
      return reply
        .type('text/event-stream; charset=utf-8')
        .header('Cache-Control', 'no-cache, no-transform')
        .header('X-Accel-Buffering', 'no')
        .send(Readable.from(events()));
    },
  );

  api.get(
    '/jobs/:id/result',
    {
      config: routeConfig,
      handlerTimeout: TRANSFER_TIMEOUT_MS,
      schema: {
        tags: ['jobs'],
        summary: 'Download the results: the file’s columns plus the result’s, as CSV or JSONL',
        params: idParams,
        querystring: jobResultQuery,
      },
    },
    async (request, reply) => {
      const job = await app.services.jobs.get(requireUser(request).id, request.params.id);
      if (ACTIVE.has(job.status)) {
        throw new AppError(409, 'CONFLICT', `the job is still ${job.status}; results come when it ends`);
      }
      const { format } = request.query;
      // One chunk's text read ahead, not Readable.from's default of 16 (about 4 MB of a sentiment
      // job's CSV): a slow client holds back the reading of further chunks from the database.
      const body = Readable.from(jobResultText(app.services.storage, job, format), { highWaterMark: 1 });
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${downloadName(job, format)}"`)
        .send(body);
    },
  );

  api.post(
    '/jobs/:id/cancel',
    {
      config: routeConfig,
      schema: {
        tags: ['jobs'],
        summary: 'Cancel a queued or running job (rows done so far stay downloadable)',
        params: idParams,
        response: { 200: jobView, ...errors },
      },
    },
    async (request) => view(await app.services.jobs.cancel(requireUser(request).id, request.params.id)),
  );

  api.delete(
    '/jobs/:id',
    {
      config: routeConfig,
      schema: {
        tags: ['jobs'],
        summary: 'Delete a job, its file and its results',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await app.services.jobs.delete(requireUser(request).id, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
