import { DEFAULT_HF_ENDPOINT } from '../runtime.ts';

/** One file of a model repository, with what its download is checked against. */
export interface RemoteFile {
  path: string;
  size: number;
  /** LFS files (the weights): the content's SHA-256, as the hub publishes it. */
  sha256: string | undefined;
  /** Other files: the git blob id, SHA-1 of `blob SIZE\0` + content. */
  gitOid: string | undefined;
}

/** An entry of the hub's `GET /api/models/ID/tree/REVISION?recursive=true`. */
interface TreeEntry {
  type: string;
  path: string;
  size?: number;
  oid?: string;
  lfs?: { oid?: string; size?: number };
}

export function endpointOf(hfEndpoint: string | undefined): string {
  return (hfEndpoint ?? DEFAULT_HF_ENDPOINT).replace(/\/+$/, '');
}

export function fileUrl(endpoint: string, id: string, revision: string, file: string): string {
  return `${endpoint}/${id}/resolve/${encodeURIComponent(revision)}/${file.split('/').map(encodeURIComponent).join('/')}`;
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(
      `${url} answered ${response.status}${response.status === 404 ? ' (no such model or revision?)' : ''}`,
    );
  }
  return response.json();
}

/** The repository's files with sizes and checksums. */
export async function listRemoteFiles(endpoint: string, id: string, revision: string): Promise<RemoteFile[]> {
  const tree = await getJson(
    `${endpoint}/api/models/${id}/tree/${encodeURIComponent(revision)}?recursive=true`,
  );
  if (!Array.isArray(tree)) throw new Error(`${endpoint} did not list the files of ${id}`);
  return (tree as TreeEntry[])
    .filter((entry) => entry.type === 'file' && typeof entry.path === 'string')
    .map((entry) => ({
      path: entry.path,
      size: entry.lfs?.size ?? entry.size ?? 0,
      sha256: entry.lfs?.oid,
      gitOid: entry.lfs === undefined ? entry.oid : undefined,
    }));
}

/** The commit a revision names, for the model's version; the revision itself when not given. */
export async function resolveRevision(endpoint: string, id: string, revision: string): Promise<string> {
  try {
    const info = (await getJson(`${endpoint}/api/models/${id}/revision/${encodeURIComponent(revision)}`)) as {
      sha?: unknown;
    };
    return typeof info.sha === 'string' ? info.sha : revision;
  } catch {
    return revision;
  }
}

export type PullDtype = 'q8' | 'fp32';

/** The ONNX graphs transformers.js loads for the tasks this backend runs. */
const GRAPHS = ['model', 'encoder_model', 'decoder_model_merged'];

/**
 * What a model needs for this backend: the JSON files at the top (config, tokenizer, generation
 * settings) and, per graph, one precision — the quantized file when asked for q8 and published,
 * else full precision — with its external-data files. Repositories often publish a dozen variants
 * of each graph; fetching all of them would be gigabytes for nothing.
 */
export function selectFiles(files: readonly RemoteFile[], dtype: PullDtype): RemoteFile[] {
  const paths = new Set(files.map((f) => f.path));
  const chosen = new Set(
    files.filter((f) => !f.path.includes('/') && f.path.endsWith('.json')).map((f) => f.path),
  );
  for (const graph of GRAPHS) {
    const preferred =
      dtype === 'q8' ? [`onnx/${graph}_quantized.onnx`, `onnx/${graph}.onnx`] : [`onnx/${graph}.onnx`];
    const onnx = preferred.find((p) => paths.has(p));
    if (onnx === undefined) continue;
    chosen.add(onnx);
    for (const p of paths) if (p.startsWith(`${onnx}_data`)) chosen.add(p);
  }
  return files.filter((f) => chosen.has(f.path));
}
