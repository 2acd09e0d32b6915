import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { assertModelId } from '../model-id.ts';
import { MANIFEST_FILE, modelFolder, type ModelManifest } from '../model-folder.ts';
import { downloadFile } from './download.ts';
import {
  endpointOf,
  fileUrl,
  listRemoteFiles,
  resolveRevision,
  selectFiles,
  type PullDtype,
  type RemoteFile,
} from './remote-files.ts';

export interface PullOptions {
  cacheDir: string;
  hfEndpoint: string | undefined;
  revision: string;
  dtype: PullDtype;
  /** Called as each file starts, then with its bytes so far. */
  onFile?: (file: RemoteFile) => (bytesDone: number) => void;
}

export interface PullReport {
  id: string;
  folder: string;
  revision: string;
  files: { path: string; size: number }[];
  bytes: number;
}

/**
 * `textai models pull ID`: the files the backend needs, from HF_ENDPOINT (the hub or a mirror)
 * into MODEL_CACHE_DIR/OWNER/NAME, each resumable and checked against the hub's listed size and
 * checksum; then a manifest recording the revision and every file's SHA-256.
 */
export async function pullModel(id: string, options: PullOptions): Promise<PullReport> {
  assertModelId(id);
  const endpoint = endpointOf(options.hfEndpoint);
  const all = await listRemoteFiles(endpoint, id, options.revision);
  const files = selectFiles(all, options.dtype);
  if (!files.some((f) => f.path.endsWith('.onnx'))) {
    throw new Error(
      `${id} publishes no ONNX weights (onnx/model.onnx or onnx/encoder_model.onnx…); convert it first (docs/models/neural.md)`,
    );
  }
  const revision = await resolveRevision(endpoint, id, options.revision);
  const folder = modelFolder(options.cacheDir, id);
  const manifest: ModelManifest = { id, revision, endpoint, files: [] };
  for (const file of files) {
    const progress = options.onFile?.(file) ?? (() => undefined);
    const sha256 = await downloadFile(
      fileUrl(endpoint, id, options.revision, file.path),
      file,
      path.join(folder, file.path),
      progress,
    );
    manifest.files.push({ path: file.path, size: file.size, sha256 });
  }
  writeFileSync(path.join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return {
    id,
    folder,
    revision,
    files: files.map((f) => ({ path: f.path, size: f.size })),
    bytes: files.reduce((s, f) => s + f.size, 0),
  };
}
