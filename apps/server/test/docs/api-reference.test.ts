import { describe, expect, it } from 'vitest';
import {
  API_DOCS_COMMAND,
  readApiMarkdown,
  regenerateApiMarkdown,
} from '../../../../scripts/api-docs/api-markdown.ts';

describe('docs/API.md', () => {
  it('has the reference the OpenAPI document gives today', async () => {
    const current = await readApiMarkdown();
    const regenerated = await regenerateApiMarkdown(current);
    // toBe's diff shows which operation changed; the message says how to fix it.
    expect(current, `docs/API.md is out of date with the routes' schemas: run ${API_DOCS_COMMAND}`).toBe(
      regenerated,
    );
  }, 60_000);
});
