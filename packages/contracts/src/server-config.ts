import { z } from 'zod';

/**
 * GET /config: the limits and switches a client needs before its first call (the upload limit to
 * check a file against, whether to offer sign-up or a reset email). Public, and nothing secret:
 * whether email is set up, never where it goes.
 */
export const serverConfigResponse = z
  .object({
    limits: z.object({
      max_upload_mb: z.number().int().describe('largest file upload in MiB (MAX_UPLOAD_MB)'),
      max_upload_bytes: z.number().int().describe('the same limit in bytes'),
      max_text_chars: z.number().int().describe('longest text a tool accepts (MAX_TEXT_CHARS)'),
      max_batch_size: z.number().int().describe('most items per POST /batch/{tool} call (MAX_BATCH_SIZE)'),
    }),
    features: z.object({
      signup: z.boolean().describe('anyone may create an account (ENABLE_USER_SIGNUP)'),
      guests: z.boolean().describe('the tools answer without a login or key (ENABLE_GUEST_ACCESS)'),
      batch: z.boolean().describe('batch calls and file jobs are on (ENABLE_BATCH_PROCESSING)'),
      password_reset_email: z
        .boolean()
        .describe('POST /auth/forgot-password emails a reset link (SMTP_HOST is set)'),
    }),
  })
  .meta({ id: 'ServerConfig' });
