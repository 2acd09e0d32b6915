import { z } from 'zod';
import { isoTime } from './common.ts';

export const API_KEY_SCOPES = ['tools', 'batch', 'history'] as const;

export const createKeyRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  expires_in_days: z.number().int().min(1).max(3650).optional(),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).optional(),
});
export const keyView = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    last4: z.string(),
    scopes: z.array(z.enum(API_KEY_SCOPES)),
    created_at: isoTime,
    expires_at: isoTime.nullable(),
    last_used_at: isoTime.nullable(),
    revoked_at: isoTime.nullable(),
  })
  .meta({ id: 'ApiKey' });
export const createKeyResponse = keyView.extend({ key: z.string().describe('the full key: shown once') });
export const keyListResponse = z.object({ data: z.array(keyView) });
