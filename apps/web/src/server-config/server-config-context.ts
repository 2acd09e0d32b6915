import { createContext, useContext } from 'react';
import { DEFAULT_SERVER_CONFIG } from '../api/server-config.ts';
import type { ServerConfig } from '../api/server-config.ts';

/** The server's limits and switches; null until GET /config has answered (once per page load). */
export const ServerConfigContext = createContext<ServerConfig | null>(null);

/**
 * The server's limits and switches, or null while they load: a link that the server may have
 * turned off (sign-up, "Forgot password?") waits for them rather than flashing in and out.
 */
export function useServerConfig(): ServerConfig | null {
  return useContext(ServerConfigContext);
}

/** The upload limit to check files against: the server's, or its default until it is known. */
export function useUploadLimit(): { mb: number; bytes: number } {
  const { limits } = useServerConfig() ?? DEFAULT_SERVER_CONFIG;
  return { mb: limits.max_upload_mb, bytes: limits.max_upload_bytes };
}

/** Whether anyone may create an account here (false until known, so no link leads to a refusal). */
export function useSignupOpen(): boolean {
  return useServerConfig()?.features.signup === true;
}
