import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowFields } from '../../src/tools/rows.ts';
import { ToolService, type ItemOutcome } from '../../src/services/tools/tool-service.ts';
import type { ToolName } from '../../src/tools/names.ts';
import { createTestApp, loadTools, type TestApp } from '../helpers/app.ts';

let release: () => void = () => undefined;
const held = new Promise<void>((resolve) => (release = resolve));

/** The built-in models, except that the text "slow" keeps a call busy until the tests end. */
class SlowOnCueTools extends ToolService {
  constructor(private readonly loaded: ToolService) {
    super(100_000);
  }
  override withTextLimit(): ToolService {
    return this;
  }
  override ready(): boolean {
    return this.loaded.ready();
  }
  override async analyzeItems(
    tool: ToolName,
    items: readonly RowFields[],
    explain = true,
  ): Promise<ItemOutcome[]> {
    if (items.some((item) => item['text'] === 'slow')) await held;
    return this.loaded.analyzeItems(tool, items, explain);
  }
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ REQUEST_TIMEOUT_MS: '1000' }, { tools: new SlowOnCueTools(await loadTools()) });
});
afterAll(async () => {
  release();
  await t.close();
});

describe('REQUEST_TIMEOUT_MS bounds the answer, not only the upload', () => {
  it('answers a call still busy at the limit with 503 TIMEOUT in the envelope, then serves the next', async () => {
    // The work never ends while the request waits: an answer at all is the timeout's.
    const slow = await t.app.inject({ method: 'POST', url: '/api/v1/sentiment', payload: { text: 'slow' } });
    expect(slow.statusCode).toBe(503);
    expect(slow.json()).toEqual({
      error: 'the server took too long to answer; try again shortly',
      code: 'TIMEOUT',
      request_id: slow.headers['x-request-id'],
    });

    const next = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sentiment',
      payload: { text: 'I love it.' },
    });
    expect(next.statusCode).toBe(200);
    expect(next.json<{ label: string }>().label).toBe('POSITIVE');
  });
});
