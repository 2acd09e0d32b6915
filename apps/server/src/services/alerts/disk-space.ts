import { statfs } from 'node:fs/promises';

/** Free space, in percent, of the file system holding `dir` (space an unprivileged process can use). */
export async function diskFreePercent(dir: string): Promise<number> {
  const stats = await statfs(dir);
  if (stats.blocks === 0) return 100;
  return (stats.bavail / stats.blocks) * 100;
}
