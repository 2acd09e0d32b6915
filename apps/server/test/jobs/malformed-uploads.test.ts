import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeZip } from '../documents/fixtures.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { batchKey, download, postJob, runJob, type JobJson } from './helpers.ts';

const MIB = 1024 * 1024;
const WORKBOOK_XML =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
  '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>';

/** A small ZIP that calls itself a workbook, whose sheet unpacks to `sheet` (declared as `declared`). */
function fakeWorkbook(sheet: Buffer, declared?: number): Buffer {
  return makeZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'xl/workbook.xml', data: WORKBOOK_XML },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: sheet,
      ...(declared === undefined ? {} : { declaredSize: declared }),
    },
  ]);
}

/**
 * Malformed files through POST /api/v1/jobs (the readers' own cases are in test/jobs-input): a zip
 * bomb posing as XLSX is refused with a clear error under the server's own unpacking cap, leaving no
 * job and no temporary file; ragged CSV rows fail one by one, named by row, and the rest run.
 */
describe('malformed job files through the API', () => {
  let t: TestApp;
  let key = '';

  beforeAll(async () => {
    t = await createTestApp({ MAX_UPLOAD_MB: '2' });
    key = await batchKey(t.app, '10.0.5.1', 'malformed');
  });
  afterAll(() => t.close());

  async function jobsLeft(): Promise<JobJson[]> {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/jobs', headers: { 'x-api-key': key } });
    return list.json<{ data: JobJson[] }>().data;
  }

  it('refuses a zip bomb posing as XLSX, by its declared size and by what it really inflates to', async () => {
    // Under 1 KB on the wire, and says its sheet unpacks to 1 GiB: refused before anything is inflated.
    const declared = fakeWorkbook(Buffer.from('<worksheet/>'), 1024 * MIB);
    expect(declared.length).toBeLessThan(1024);
    const big = await postJob(t.app, key, { data: declared, filename: 'bomb.xlsx' }, { tool: 'sentiment' });
    expect(big.statusCode, big.body).toBe(413);
    expect(big.json()).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      error: expect.stringMatching(/unpacks to 1024 MiB, more than the limit of 256 MiB/) as unknown,
    });

    // 16 MiB of spaces deflated into a few KB, under a declared size of 1,000 bytes: stopped as it inflates.
    const lying = fakeWorkbook(Buffer.alloc(16 * MIB, 0x20), 1000);
    expect(lying.length).toBeLessThan(64 * 1024);
    const liar = await postJob(t.app, key, { data: lying, filename: 'report.xlsx' }, { tool: 'sentiment' });
    expect(liar.statusCode, liar.body).toBe(422);
    expect(liar.json()).toMatchObject({
      code: 'EXTRACTION_FAILED',
      error: expect.stringMatching(/sheet1\.xml" inflates to more than its declared 1000 bytes/) as unknown,
    });

    expect(await jobsLeft()).toEqual([]);
    // The uploads' temporary files are gone too.
    expect(await readdir(path.join(t.config.dataDir, 'tmp'))).toEqual([]);
  });

  it('runs a file with ragged rows, failing each such row by number and running the others', async () => {
    const csv = 'id,text,stars\n1,Lovely staff,5\n2,Too,many,cells,4\n3\n4,Awful food,1\n';
    const job = await runJob(t.app, key, { data: csv, filename: 'ragged.csv' }, { tool: 'sentiment' });
    expect(job).toMatchObject({ status: 'done', total_rows: 4, rows_done: 4, rows_failed: 2 });
    const rows = parse((await download(t.app, key, job.id, 'csv')).body, {
      columns: true,
      relax_column_count: true,
    }) as Record<string, string>[];
    expect(rows.map((r) => [r['row'], r['error.message'] || r['label']])).toEqual([
      ['1', 'POSITIVE'],
      ['2', 'row 2 has 5 fields but the header has 3'],
      ['3', 'row 3 has 1 fields but the header has 3'],
      ['4', 'NEGATIVE'],
    ]);
  });
});
