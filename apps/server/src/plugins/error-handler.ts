import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../services/errors.ts';
import { isMalformedMultipart } from './malformed-multipart.ts';
import { addHsts, SECURITY_HEADERS } from './security-headers.ts';
import { isDatabaseUnreachable } from '../storage/unreachable.ts';
import { storageUnavailable } from '../services/storage-faults.ts';

/** Fastify's own error codes that are the client's fault, with the envelope code they map to. */
const CLIENT_ERRORS: Record<string, { status: number; code: string; message?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: 'request body is too large',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'VALIDATION_ERROR', message: 'the JSON body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'VALIDATION_ERROR',
    message: 'the body is not valid JSON',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'VALIDATION_ERROR' },
  FST_ERR_CTP_INVALID_TYPE: { status: 400, code: 'VALIDATION_ERROR' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'the file is too large' },
  FST_PARTS_LIMIT: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'too many parts' },
  FST_FILES_LIMIT: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'too many files' },
  FST_FIELDS_LIMIT: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'too many fields' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'expected multipart/form-data',
  },
};

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: string,
  message: string,
  details?: unknown,
) {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: message, code, ...(details === undefined ? {} : { details }), request_id: request.id });
}

/**
 * A full or read-only disk is the operator's to fix, not a bug: a clear 503 that says so, logged
 * once when the storage's state changes (StorageHealth) rather than with a stack per request.
 */
function storageError(app: FastifyInstance, error: Error): AppError | undefined {
  const fault = app.services.storageHealth.reportFailure(error);
  return fault === undefined ? undefined : storageUnavailable(fault);
}

/**
 * Fastify's `frameworkErrors`: a URL the router cannot decode (`/%zz`, 400) or a path parameter
 * over maxParamLength (414) is answered before any route or error handler runs, with Fastify's
 * own body unless this sends the envelope instead.
 */
export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : 400;
  // No route, so no hook runs: the request id and security headers are set here.
  void reply.headers({ ...SECURITY_HEADERS, 'X-Request-Id': request.id });
  addHsts(request, reply);
  return send(reply, request, status, 'VALIDATION_ERROR', error.message);
}

/**
 * Every error leaves as the one envelope: `{error, code, details?, request_id}`. Client errors say
 * what to fix; anything else is logged with its stack and answered with a generic 500 that names
 * only the request id, so no internals leak.
 */
export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    const appError = error instanceof AppError ? error : storageError(app, error);
    if (appError !== undefined) {
      if (appError.headers) void reply.headers(appError.headers);
      return send(reply, request, appError.statusCode, appError.code, appError.message, appError.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        field: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        message: v.message,
      }));
      const first = details[0];
      return send(
        reply,
        request,
        400,
        'VALIDATION_ERROR',
        first ? `${first.field}: ${first.message}` : 'invalid request',
        details,
      );
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return send(reply, request, 500, 'INTERNAL_ERROR', `internal error (request ${request.id})`);
    }
    const fastifyCode = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    if (fastifyCode === 'FST_ERR_HANDLER_TIMEOUT') {
      request.log.warn({ url: request.routeOptions.url }, 'request timed out (REQUEST_TIMEOUT_MS)');
      return send(reply, request, 503, 'TIMEOUT', 'the server took too long to answer; try again shortly');
    }
    const known = fastifyCode === undefined ? undefined : CLIENT_ERRORS[fastifyCode];
    if (known) return send(reply, request, known.status, known.code, known.message ?? error.message);
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      return send(reply, request, status, status === 404 ? 'NOT_FOUND' : 'VALIDATION_ERROR', error.message);
    }
    if (isMalformedMultipart(error)) {
      const message = `the multipart body is malformed: ${error.message}`;
      return send(reply, request, 400, 'VALIDATION_ERROR', message);
    }
    // The database stopped, restarting or cut off is an outage, not a bug: a 503 the client can
    // retry (and /readyz names the database), not a 500 with a stack per request.
    if (isDatabaseUnreachable(error)) {
      void reply.header('retry-after', '5');
      return send(reply, request, 503, 'NOT_READY', 'the database is unreachable; try again shortly');
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, 500, 'INTERNAL_ERROR', `internal error (request ${request.id})`);
  });

  app.setNotFoundHandler((request, reply) => {
    // The web app's own routes (/sentiment, /history, …) are resolved in the browser.
    if (app.webAppFallback?.(request, reply)) return reply;
    return send(
      reply,
      request,
      404,
      'NOT_FOUND',
      `no route for ${request.method} ${request.url.split('?')[0] ?? ''}`,
    );
  });
});
