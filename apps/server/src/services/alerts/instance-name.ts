import { hostname } from 'node:os';
import type { Config } from '../../config.ts';

/** How alerts name this deployment: its public address when set (unique), else the host name. */
export function alertInstanceName(config: Config): string {
  return config.publicUrl ?? hostname();
}
