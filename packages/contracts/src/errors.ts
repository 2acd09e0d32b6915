import { z } from 'zod';

/** The one error envelope, flat as the replaced system documented it. */
export const errorEnvelope = z
  .object({
    error: z.string().describe('human-readable message'),
    code: z.string().describe('UPPER_SNAKE error code'),
    details: z.unknown().optional(),
    request_id: z.string(),
  })
  .meta({ id: 'Error' });
export type ErrorEnvelope = z.infer<typeof errorEnvelope>;

export const ERROR_CODES = [
  'VALIDATION_ERROR',
  'EMPTY_TEXT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_FILE',
  'UNSUPPORTED_MEDIA_TYPE',
  'EXTRACTION_FAILED',
  'EXTRACTION_TIMEOUT',
  'MISSING_API_KEY',
  'INVALID_API_KEY',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'CSRF_INVALID',
  'RATE_LIMIT_EXCEEDED',
  'TOO_MANY_ATTEMPTS',
  'INVALID_CREDENTIALS',
  'WEAK_PASSWORD',
  'FEATURE_DISABLED',
  'SERVICE_BUSY',
  'TIMEOUT',
  'NOT_READY',
  'STORAGE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
