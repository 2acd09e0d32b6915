/** GET /config: the server's limits and switches (public). The type comes from the shared schema. */
import type { serverConfigResponse } from '@textai/contracts';
import type { z } from 'zod';
import { apiGet } from './client.ts';

export type ServerConfig = z.infer<typeof serverConfigResponse>;

/**
 * The server's defaults (DESIGN.md, .env.example), used when GET /config cannot be read, e.g. an
 * older server without it: the UI then behaves as it did before it could ask.
 */
export const DEFAULT_SERVER_CONFIG: ServerConfig = {
  limits: {
    max_upload_mb: 10,
    max_upload_bytes: 10 * 1024 * 1024,
    max_text_chars: 100_000,
    max_batch_size: 100,
  },
  features: { signup: true, guests: true, batch: true, password_reset_email: false },
};

export async function fetchServerConfig(): Promise<ServerConfig> {
  const { data } = await apiGet<ServerConfig>('/config');
  return data;
}
