import { formatBytes } from './when.ts';

/**
 * Why `file` cannot be uploaded, or null: it is over the server's upload limit (MAX_UPLOAD_MB, from
 * GET /config), which the server would refuse with 413 after the whole file had been sent.
 */
export function uploadProblem(file: File | null, limit: { mb: number; bytes: number }): string | null {
  if (file === null || file.size <= limit.bytes) return null;
  return `This file is ${formatBytes(file.size)}: over the ${limit.mb} MB limit.`;
}
