import type { createKeyRequest, createKeyResponse, keyListResponse, keyView } from '@textai/contracts';
import type { z } from 'zod';
import { apiGet, apiSend } from './client.ts';

export type ApiKey = z.infer<typeof keyView>;
export type ApiKeyScope = ApiKey['scopes'][number];
export type CreateKeyRequest = z.infer<typeof createKeyRequest>;
/** The new key's record plus the full key, which the server shows this once. */
export type CreatedKey = z.infer<typeof createKeyResponse>;
type KeyList = z.infer<typeof keyListResponse>;

/** The scopes a key can carry (API_KEY_SCOPES in the contracts, not imported: no zod in the bundle). */
export const KEY_SCOPES: readonly ApiKeyScope[] = ['tools', 'batch', 'history'];

/** The caller's keys, revoked ones included (their `revoked_at` is set). */
export async function listKeys(): Promise<ApiKey[]> {
  const { data } = await apiGet<KeyList>('/keys');
  return data.data;
}

export async function createKey(input: CreateKeyRequest): Promise<CreatedKey> {
  const { data } = await apiSend<CreatedKey>('POST', '/keys', input);
  return data;
}

export async function revokeKey(id: string): Promise<void> {
  await apiSend<null>('DELETE', `/keys/${encodeURIComponent(id)}`);
}
