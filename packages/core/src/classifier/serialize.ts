import { gunzipSync, gzipSync } from 'node:zlib';
import type { FeatureConfig } from './features.ts';
import type { LinearModelData } from './model.ts';

/**
 * The built-in model file format: gzip over
 *   "TAIM" | u32 format version | u32 header length | header JSON | padding to 4 bytes |
 *   u32 row indices | i16 quantised weights (rows × classes) | f32 bias | i32 lexicon hashes |
 *   f32 lexicon valences | router section (same layout, optional)
 * Only rows of the hashed table that carry weight are stored, quantised to 16 bits against the
 * largest weight; loading expands them into the dense table inference reads.
 */
const MAGIC = 0x4d494154; // "TAIM" little-endian
const FORMAT_VERSION = 1;

interface TableHeader {
  rows: number;
  classes: number;
  hashBits: number;
  scale: number;
}

interface FileHeader {
  name: string;
  version: string;
  labels: string[];
  features: FeatureConfig;
  meta: Record<string, unknown>;
  table: TableHeader;
  lexicon: number;
  router: { names: string[]; table: TableHeader } | null;
}

class ByteWriter {
  private chunks: Uint8Array[] = [];
  length = 0;
  write(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }
  writeU32(value: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, value, true);
    this.write(b);
  }
  pad4(): void {
    const rest = (4 - (this.length % 4)) % 4;
    if (rest) this.write(new Uint8Array(rest));
  }
  typed(array: Int32Array | Uint32Array | Int16Array | Float32Array): void {
    this.write(new Uint8Array(array.buffer, array.byteOffset, array.byteLength).slice());
    this.pad4();
  }
  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const c of this.chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return out;
  }
}

function encodeTable(
  weights: Float32Array,
  classes: number,
  hashBits: number,
): { header: TableHeader; rows: Uint32Array; values: Int16Array } {
  const size = 1 << hashBits;
  let max = 0;
  const used: number[] = [];
  for (let r = 0; r < size; r++) {
    let any = false;
    for (let c = 0; c < classes; c++) {
      const w = Math.abs(weights[r * classes + c]!);
      if (w > 0) any = true;
      if (w > max) max = w;
    }
    if (any) used.push(r);
  }
  const scale = max > 0 ? max / 32767 : 1;
  const values = new Int16Array(used.length * classes);
  used.forEach((r, i) => {
    for (let c = 0; c < classes; c++) values[i * classes + c] = Math.round(weights[r * classes + c]! / scale);
  });
  return { header: { rows: used.length, classes, hashBits, scale }, rows: Uint32Array.from(used), values };
}

export function serializeModel(model: LinearModelData): Uint8Array {
  const classes = model.labels.length;
  const table = encodeTable(model.weights, classes, model.features.hashBits);
  const router = model.router
    ? encodeTable(model.router.weights, model.router.names.length, model.router.hashBits)
    : null;
  const lexicon = model.lexicon ? [...model.lexicon.entries()] : [];
  const header: FileHeader = {
    name: model.name,
    version: model.version,
    labels: model.labels,
    features: model.features,
    meta: model.meta,
    table: table.header,
    lexicon: lexicon.length,
    router: router && model.router ? { names: model.router.names, table: router.header } : null,
  };
  const w = new ByteWriter();
  w.writeU32(MAGIC);
  w.writeU32(FORMAT_VERSION);
  const json = new TextEncoder().encode(JSON.stringify(header));
  w.writeU32(json.length);
  w.write(json);
  w.pad4();
  w.typed(table.rows);
  w.typed(table.values);
  w.typed(Float32Array.from(model.bias));
  w.typed(Int32Array.from(lexicon.map(([h]) => h)));
  w.typed(Float32Array.from(lexicon.map(([, v]) => v)));
  if (router && model.router) {
    w.typed(router.rows);
    w.typed(router.values);
    w.typed(Float32Array.from(model.router.bias));
  }
  return gzipSync(w.concat(), { level: 9 });
}

class ByteReader {
  private offset = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return v;
  }
  take(length: number): Uint8Array {
    this.need(length);
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    this.offset += (4 - (this.offset % 4)) % 4;
    return out;
  }
  /** Copies into a fresh, aligned buffer so typed views are valid whatever the source alignment. */
  array<T>(ctor: new (buffer: ArrayBuffer) => T, count: number, bytesPer: number): T {
    const bytes = this.take(count * bytesPer);
    // Node's Buffer#slice returns a view, so copy explicitly into a buffer of our own.
    const copy = new Uint8Array(bytes.length);
    copy.set(bytes);
    return new ctor(copy.buffer);
  }
  private need(length: number): void {
    if (this.offset + length > this.bytes.length) throw new Error('model file is truncated');
  }
}

/**
 * The dense table inference reads (12 MB for sentiment, 17 MB for fake-news), on a
 * SharedArrayBuffer: a model handed to a worker thread (useLinearModels) is then the same memory
 * there, not a copy. Within one thread it reads like any typed array.
 */
function decodeTable(reader: ByteReader, header: TableHeader): Float32Array {
  const rows = reader.array(Uint32Array, header.rows, 4);
  const values = reader.array(Int16Array, header.rows * header.classes, 2);
  const length = (1 << header.hashBits) * header.classes;
  const dense = new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT));
  const C = header.classes;
  for (let i = 0; i < rows.length; i++) {
    const base = rows[i]! * C;
    for (let c = 0; c < C; c++) dense[base + c] = values[i * C + c]! * header.scale;
  }
  return dense;
}

export function deserializeModel(file: Uint8Array): LinearModelData {
  let raw: Uint8Array;
  try {
    raw = gunzipSync(file);
  } catch {
    throw new Error('not a TextAI model file (it is not gzip-compressed)');
  }
  const reader = new ByteReader(raw);
  if (reader.u32() !== MAGIC) throw new Error('not a TextAI model file (bad magic number)');
  const format = reader.u32();
  if (format !== FORMAT_VERSION)
    throw new Error(`unsupported model file format ${format} (this build reads ${FORMAT_VERSION})`);
  const headerLength = reader.u32();
  const header = JSON.parse(new TextDecoder().decode(reader.take(headerLength))) as FileHeader;
  const weights = decodeTable(reader, header.table);
  const bias = reader.array(Float32Array, header.labels.length, 4);
  const hashes = reader.array(Int32Array, header.lexicon, 4);
  const valences = reader.array(Float32Array, header.lexicon, 4);
  const lexicon = header.lexicon > 0 ? new Map<number, number>() : null;
  for (let i = 0; i < header.lexicon; i++) lexicon!.set(hashes[i]!, valences[i]!);
  let router: LinearModelData['router'] = null;
  if (header.router) {
    const routerWeights = decodeTable(reader, header.router.table);
    const routerBias = reader.array(Float32Array, header.router.names.length, 4);
    router = {
      names: header.router.names,
      hashBits: header.router.table.hashBits,
      weights: routerWeights,
      bias: routerBias,
    };
  }
  return {
    name: header.name,
    version: header.version,
    labels: header.labels,
    features: header.features,
    weights,
    bias,
    lexicon,
    router,
    meta: header.meta,
  };
}
