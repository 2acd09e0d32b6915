/**
 * The zip-bomb guard for XLSX inputs, in two steps that both stream the file:
 *
 * 1. `inspectZip` reads the whole file once, keeping only its tail, and checks the central directory
 *    with the DOCX extractor's strict reader (services/documents/zip.ts): no ZIP64, encryption,
 *    multi-disk or prepended data, only stored or deflated entries, a workbook part, and declared
 *    sizes that add up to no more than the cap. Nothing is inflated yet.
 * 2. `ZipGuard` sits between the file and exceljs on every later reading. It walks the local
 *    headers in step with the directory (same names, methods and sizes; the entries and their data
 *    descriptors must tile the file exactly, so no hidden entry can slip past it) and inflates each
 *    entry itself, counting, before passing the bytes on: an entry that inflates past its declared
 *    size stops the reading after at most one zlib chunk more than it declared. So whatever exceljs
 *    (through unzipper) inflates is bounded by the checked total.
 */
import { Transform, type TransformCallback, type Readable } from 'node:stream';
import { createInflateRaw, type InflateRaw } from 'node:zlib';
import { DocumentError } from '../../documents/errors.ts';
import {
  ZIP_LOCAL_SIGNATURE,
  checkDeclaredZipSize,
  readZipDirectory,
  type ZipDirectoryEntry,
} from '../../documents/zip.ts';
import { JobInputError } from './errors.ts';

const KIND = 'XLSX';
const DESCRIPTOR_SIGNATURE = 0x08074b50;
const DESCRIPTOR_BYTES = 16;
/** The end record with the longest comment, and a directory of 1 MiB (thousands of entries). */
const TAIL_BYTES = 22 + 0xffff + 1024 * 1024;

export interface ZipLayout {
  /** By position in the file. */
  entries: ZipDirectoryEntry[];
  centralOffset: number;
  archiveLength: number;
}

const OTHER_ZIP_FORMATS: ReadonlyArray<readonly [part: string, what: string]> = [
  ['word/document.xml', 'a Word document'],
  ['ppt/presentation.xml', 'a PowerPoint presentation'],
  ['content.xml', 'an OpenDocument file; save it as .xlsx'],
];

function fromDocumentError(error: unknown): unknown {
  if (!(error instanceof DocumentError)) return error;
  return error.code === 'PAYLOAD_TOO_LARGE'
    ? new JobInputError('PAYLOAD_TOO_LARGE', 'ZIP_TOO_LARGE', error.message, error.details)
    : new JobInputError('EXTRACTION_FAILED', 'ZIP_INVALID', error.message);
}

function corrupt(message: string): JobInputError {
  return new JobInputError(
    'EXTRACTION_FAILED',
    'ZIP_INVALID',
    `The ${KIND} file is damaged or not a valid ZIP archive: ${message}.`,
  );
}

/** Step 1: the archive's layout from its central directory, read from the tail of one streaming pass. */
export async function inspectZip(
  input: Readable,
  label: string,
  maxUnzippedBytes: number,
): Promise<ZipLayout> {
  const chunks: Buffer[] = [];
  let kept = 0;
  let total = 0;
  for await (const chunk of input) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), 'utf8');
    chunks.push(bytes);
    kept += bytes.length;
    total += bytes.length;
    while (chunks.length > 1 && kept - (chunks[0]?.length ?? 0) >= TAIL_BYTES)
      kept -= chunks.shift()?.length ?? 0;
  }
  const tail = Buffer.concat(chunks, kept);
  let layout: ZipLayout;
  try {
    const directory = readZipDirectory(tail, total - kept, KIND);
    const entries = [...directory.entries].sort((a, b) => a.localOffset - b.localOffset);
    layout = { entries, centralOffset: directory.centralOffset, archiveLength: directory.archiveLength };
    if (!entries.some((entry) => entry.name === 'xl/workbook.xml')) {
      const other = OTHER_ZIP_FORMATS.find(([part]) => entries.some((entry) => entry.name === part));
      throw new JobInputError(
        'UNSUPPORTED_FILE',
        'WRONG_FORMAT',
        `${label} is ${other ? other[1] : 'a ZIP archive without an Excel workbook (xl/workbook.xml)'}, ` +
          'not an Excel workbook (.xlsx).',
      );
    }
    checkDeclaredZipSize(entries, maxUnzippedBytes, KIND);
  } catch (error) {
    throw fromDocumentError(error);
  }
  const first = layout.entries[0];
  if (first !== undefined && first.localOffset !== 0) throw corrupt('data before the first entry');
  return layout;
}

type State =
  | { kind: 'header'; index: number; need: number }
  | { kind: 'data'; index: number; remaining: number }
  | { kind: 'descriptor'; index: number; remaining: number }
  | { kind: 'central' };

/** Step 2: passes the archive through unchanged, checking every entry as it goes by. */
export class ZipGuard extends Transform {
  private position = 0;
  private state: State;
  private collected: Buffer[] = [];
  private collectedLength = 0;
  private inflater: InflateRaw | undefined;
  private produced = 0;
  private failure: Error | undefined;
  /** Bit 3 with no size in the local header: unzipper finds the data's end by the descriptor signature. */
  private scanForDescriptor = false;
  private scanCarry = Buffer.alloc(0);

  constructor(private readonly layout: ZipLayout) {
    super();
    this.state = layout.entries.length > 0 ? { kind: 'header', index: 0, need: 30 } : { kind: 'central' };
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), 'utf8');
    this.consume(bytes).then(
      () => callback(null, bytes),
      (error: unknown) => callback(fromDocumentError(error) as Error),
    );
  }

  override _flush(callback: TransformCallback): void {
    if (this.state.kind !== 'central' || this.position !== this.layout.archiveLength) {
      callback(corrupt('the file ends early, or changed since it was checked'));
      return;
    }
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.inflater?.destroy();
    callback(error);
  }

  private entry(index: number): ZipDirectoryEntry {
    const entry = this.layout.entries[index];
    if (entry === undefined) throw new Error(`no ZIP entry ${index}`);
    return entry;
  }

  /** Where entry `index`'s data and descriptor must end: the next entry, or the central directory. */
  private boundary(index: number): number {
    return this.layout.entries[index + 1]?.localOffset ?? this.layout.centralOffset;
  }

  private async consume(chunk: Buffer): Promise<void> {
    let at = 0;
    while (at < chunk.length) {
      const state = this.state;
      if (state.kind === 'central') {
        this.position += chunk.length - at;
        if (this.position > this.layout.archiveLength)
          throw corrupt('the file is longer than its directory says');
        return;
      }
      if (state.kind === 'header') {
        const take = Math.min(state.need - this.collectedLength, chunk.length - at);
        this.collected.push(chunk.subarray(at, at + take));
        this.collectedLength += take;
        at += take;
        this.position += take;
        if (this.collectedLength < state.need) continue;
        const header = Buffer.concat(this.collected, this.collectedLength);
        if (state.need === 30) {
          if (header.readUInt32LE(0) !== ZIP_LOCAL_SIGNATURE) {
            throw corrupt(`bad local header for "${this.entry(state.index).name}"`);
          }
          const need = 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
          if (need > 30) {
            this.state = { ...state, need };
            continue;
          }
        }
        this.collected = [];
        this.collectedLength = 0;
        this.startEntry(state.index, header);
        continue;
      }
      const take = Math.min(state.remaining, chunk.length - at);
      const slice = chunk.subarray(at, at + take);
      at += take;
      this.position += take;
      state.remaining -= take;
      if (state.kind === 'data') {
        await this.feed(state.index, slice);
        if (state.remaining === 0) await this.endEntry(state.index);
      } else {
        this.collected.push(slice);
        this.collectedLength += take;
        if (state.remaining === 0) this.endDescriptor(state.index);
      }
    }
  }

  private startEntry(index: number, header: Buffer): void {
    const entry = this.entry(index);
    const flags = header.readUInt16LE(6);
    const method = header.readUInt16LE(8);
    const compressedSize = header.readUInt32LE(18);
    const uncompressedSize = header.readUInt32LE(22);
    const name = header.toString('utf8', 30, 30 + header.readUInt16LE(26));
    if (name !== entry.name)
      throw corrupt(`local header "${name}" does not match directory entry "${entry.name}"`);
    if (flags & 0x1)
      throw new JobInputError(
        'EXTRACTION_FAILED',
        'ZIP_INVALID',
        'The XLSX file is encrypted; save it without a password.',
      );
    if (method !== entry.method || (flags & 0x8) !== (entry.flags & 0x8)) {
      throw corrupt(`local header of "${name}" does not match the directory`);
    }
    const descriptor = (flags & 0x8) !== 0;
    if (!descriptor || compressedSize !== 0) {
      // unzipper trusts the local header's size, so it must be the one we count.
      if (
        compressedSize !== entry.compressedSize ||
        (!descriptor && uncompressedSize !== entry.uncompressedSize)
      ) {
        throw corrupt(`local header of "${name}" gives other sizes than the directory`);
      }
    }
    this.scanForDescriptor = descriptor && compressedSize === 0;
    this.scanCarry = Buffer.alloc(0);
    const dataEnd = this.position + entry.compressedSize + (descriptor ? DESCRIPTOR_BYTES : 0);
    if (dataEnd !== this.boundary(index))
      throw corrupt(`entry "${name}" does not end where the next one starts`);
    if (entry.compressedSize === 0 && entry.uncompressedSize !== 0) {
      throw corrupt(`entry "${name}" is empty but declares ${entry.uncompressedSize} bytes`);
    }
    this.produced = 0;
    this.failure = undefined;
    this.inflater = undefined;
    if (entry.method === 8 && entry.compressedSize > 0) this.inflater = this.openInflater(entry);
    this.state = { kind: 'data', index, remaining: entry.compressedSize };
    if (entry.compressedSize === 0) this.afterData(index);
  }

  private openInflater(entry: ZipDirectoryEntry): InflateRaw {
    const inflater = createInflateRaw();
    inflater.on('data', (chunk: Buffer) => {
      this.produced += chunk.length;
      if (this.produced > entry.uncompressedSize && this.failure === undefined) {
        this.failure = new JobInputError(
          'EXTRACTION_FAILED',
          'ZIP_INVALID',
          `The XLSX file was rejected: entry "${entry.name}" inflates to more than its declared ` +
            `${entry.uncompressedSize} bytes (a zip bomb or a damaged file).`,
        );
        inflater.destroy();
      }
    });
    inflater.on('error', () => {
      this.failure ??= corrupt(`entry "${entry.name}" cannot be inflated`);
    });
    return inflater;
  }

  private async feed(index: number, slice: Buffer): Promise<void> {
    const entry = this.entry(index);
    if (this.scanForDescriptor) {
      const window = Buffer.concat([this.scanCarry, slice]);
      if (window.indexOf(Buffer.from([0x50, 0x4b, 0x07, 0x08])) >= 0) {
        throw corrupt(`the data of "${entry.name}" holds a data-descriptor signature`);
      }
      this.scanCarry = Buffer.from(window.subarray(Math.max(0, window.length - 3)));
    }
    const inflater = this.inflater;
    if (inflater === undefined) {
      this.produced += slice.length; // stored: its two sizes are equal (checked with the directory)
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const onClose = (): void => reject(this.failure ?? corrupt(`entry "${entry.name}" cannot be inflated`));
      inflater.once('close', onClose);
      inflater.write(slice, (error) => {
        inflater.off('close', onClose);
        if (error) reject(this.failure ?? error);
        else resolve();
      });
    });
    if (this.failure) throw this.failure;
  }

  private async endEntry(index: number): Promise<void> {
    const entry = this.entry(index);
    const inflater = this.inflater;
    if (inflater !== undefined) {
      await new Promise<void>((resolve, reject) => {
        inflater.once('end', resolve);
        inflater.once('close', () => reject(this.failure ?? corrupt(`entry "${entry.name}" is cut short`)));
        inflater.end();
      });
      if (this.failure) throw this.failure;
      if (inflater.bytesWritten !== entry.compressedSize) {
        throw corrupt(`entry "${entry.name}" has data after its end`);
      }
      this.inflater = undefined;
    }
    if (this.produced !== entry.uncompressedSize) {
      throw corrupt(
        `entry "${entry.name}" inflates to ${this.produced} bytes, not ${entry.uncompressedSize}`,
      );
    }
    this.afterData(index);
  }

  private afterData(index: number): void {
    const entry = this.entry(index);
    if (entry.flags & 0x8) {
      this.state = { kind: 'descriptor', index, remaining: DESCRIPTOR_BYTES };
      this.collected = [];
      this.collectedLength = 0;
    } else {
      this.next(index);
    }
  }

  private endDescriptor(index: number): void {
    const entry = this.entry(index);
    const descriptor = Buffer.concat(this.collected, this.collectedLength);
    this.collected = [];
    this.collectedLength = 0;
    if (
      descriptor.readUInt32LE(0) !== DESCRIPTOR_SIGNATURE ||
      descriptor.readUInt32LE(8) !== entry.compressedSize ||
      descriptor.readUInt32LE(12) !== entry.uncompressedSize
    ) {
      throw corrupt(`the data descriptor of "${entry.name}" does not match the directory`);
    }
    this.next(index);
  }

  private next(index: number): void {
    this.state =
      index + 1 < this.layout.entries.length
        ? { kind: 'header', index: index + 1, need: 30 }
        : { kind: 'central' };
  }
}
