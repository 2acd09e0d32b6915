import { TOOL_NAMES } from '@textai/contracts';
import fc from 'fast-check';
import {
  hostileString,
  invalidUtf8,
  PATH_LIKE,
  plainText,
  prose,
  utf8Bytes as enc,
} from './hostile-values.ts';

/** Hostile multipart/form-data: odd and repeated fields, hostile files and filenames, broken framing. */

export interface MultipartPart {
  name: string;
  value: string;
  file?: { filename: string; contentType: string; data: Uint8Array };
}

export type MultipartMangle =
  'none' | 'wrong-boundary' | 'no-boundary' | 'truncated' | 'no-closing-delimiter';

const FILE_FIELDS = ['file', 'resume', 'job_description'] as const;
const FORM_FIELDS = [
  'tool',
  'column',
  'title_column',
  'resume_column',
  'job_column',
  'job_description',
  'resume',
  'format',
  'delimiter',
  'sheet',
  'sentences',
  'ratio',
  'explain',
] as const;

const fileContents: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.constantFrom(
    enc('text\nI love it\nThis is bad\n'),
    enc('id,text\n1,"unterminated\n2,x\n'),
    enc('\uFEFFtext;other\n"a";"b"\n'),
    enc('{"text":"fine"}\n{"text":\n[1,2]\n'),
    enc('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage'),
    enc('PK\u0003\u0004 not really a zip'),
    enc('=HYPERLINK("http://x","y"),@SUM(1)\n'),
    new Uint8Array(0),
  ),
  fc.uint8Array({ maxLength: 2048 }),
  invalidUtf8.map((bytes) => Uint8Array.from([...enc('text\n'), ...bytes, 0x0a])),
);

const filename: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'rows.csv',
    'rows.tsv',
    'rows.jsonl',
    'rows.xlsx',
    'resume.pdf',
    'resume.docx',
    'resume.txt',
    'noext',
    '.csv',
    'a"b.csv',
    'evil.csv.exe',
    `${'n'.repeat(600)}.csv`,
    ...PATH_LIKE,
  ),
  hostileString.map(plainText).map((name) => name.replace(/[\r\n]/g, '') + '.csv'),
);

const multipartPart: fc.Arbitrary<MultipartPart> = fc.oneof(
  fc.record({
    name: fc.oneof(fc.constantFrom(...FORM_FIELDS), fc.string({ maxLength: 10 })),
    value: fc.oneof(
      fc.constantFrom(...TOOL_NAMES, 'text', 'csv', 'xlsx', '0.5', '3'),
      prose,
      hostileString.map(plainText),
    ),
  }),
  fc.record({
    name: fc.oneof(fc.constantFrom(...FILE_FIELDS), fc.string({ maxLength: 10 })),
    value: fc.constant(''),
    file: fc.record({
      filename,
      contentType: fc.constantFrom(
        'text/csv',
        'text/plain',
        'application/pdf',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/octet-stream',
        'image/png',
        '',
      ),
      data: fileContents,
    }),
  }),
);

export const multipartBody = fc.record({
  kind: fc.constant('multipart' as const),
  parts: fc.oneof(
    // A job that is valid, so the upload path runs to the end too.
    fc.constant<MultipartPart[]>([
      { name: 'tool', value: 'sentiment' },
      { name: 'column', value: 'text' },
      {
        name: 'file',
        value: '',
        file: { filename: 'rows.csv', contentType: 'text/csv', data: enc('text\nI love it\n') },
      },
    ]),
    fc.array(multipartPart, { maxLength: 6 }),
  ),
  mangle: fc.constantFrom<MultipartMangle>(
    'none',
    'none',
    'none',
    'wrong-boundary',
    'no-boundary',
    'truncated',
    'no-closing-delimiter',
  ),
});
