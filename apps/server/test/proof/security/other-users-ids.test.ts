import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, createKey, createTestApp, type TestApp } from '../../helpers/app.ts';
import { postJob, waitForJob } from '../../jobs/helpers.ts';
import {
  describeOperation,
  expectEnvelope,
  fill,
  operationsOf,
  ProbeTally,
  type Operation,
} from './probe.ts';

/**
 * Another user's ids: every operation that takes an id (read from the OpenAPI document) answers
 * 404 NOT_FOUND — the same as an id that does not exist, so ids cannot even be confirmed — when
 * called with the session or the API key of a user who does not own it; lists never show them;
 * the owner still has everything afterwards.
 */
describe('another user’s ids', { timeout: 60_000 }, () => {
  let t: TestApp;
  let owner: BrowserClient;
  let ownerKey = '';
  let intruder: BrowserClient;
  let intruderKey = '';
  const ids: Record<'keys' | 'history' | 'jobs', string> = { keys: '', history: '', jobs: '' };

  beforeAll(async () => {
    t = await createTestApp({ WORKER_CONCURRENCY: '1' });
    owner = new BrowserClient(t.app, '10.8.0.1');
    expect((await owner.signup('ids_owner')).statusCode).toBe(201);
    ownerKey = await createKey(owner, { name: 'owner key' });
    intruder = new BrowserClient(t.app, '10.8.0.2');
    expect((await intruder.signup('ids_intruder')).statusCode).toBe(201);
    intruderKey = await createKey(intruder, { name: 'intruder key' });

    const call = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sentiment',
      headers: { 'x-api-key': ownerKey },
      payload: { text: 'The owner’s private note.' },
    });
    expect(call.statusCode).toBe(200);
    const history = await owner.request('GET', '/api/v1/history');
    ids.history = (history.json() as { data: { id: string }[] }).data[0]?.id ?? '';
    const keys = await owner.request('GET', '/api/v1/keys');
    ids.keys = (keys.json() as { data: { id: string }[] }).data[0]?.id ?? '';
    const job = await postJob(
      t.app,
      ownerKey,
      { data: 'text\nA private review.\nAnother one.\n', filename: 'owner.csv' },
      { tool: 'sentiment', column: 'text' },
    );
    expect(job.statusCode, job.body).toBe(202);
    ids.jobs = (job.json() as { id: string }).id;
    await waitForJob(t.app, ownerKey, ids.jobs);
    expect(Object.values(ids).every((id) => id !== '')).toBe(true);
  });
  afterAll(() => t.close());

  /** The owner's id for an operation's `{id}`, by the collection its path names. */
  function ownedIdFor(operation: Operation): string | undefined {
    const collection = /^\/api\/v1\/(keys|history|jobs)\/\{id\}/.exec(operation.path)?.[1];
    return collection === undefined ? undefined : ids[collection as keyof typeof ids];
  }

  it('answers 404 for every id-taking route, by session and by key', async () => {
    const tally = new ProbeTally('another user’s ids');
    const operations = operationsOf(t.app).filter(
      (o) => o.path.includes('{id}') && o.access.who !== 'admins',
    );
    for (const operation of operations) {
      const id = ownedIdFor(operation);
      await tally.check(`${describeOperation(operation)} has an owned resource to probe with`, () => {
        expect(id, 'a new id-taking route: give this probe a resource of its kind').toBeDefined();
      });
      if (id === undefined) continue;
      const url = `${fill(operation.path, { id })}${operation.path.endsWith('/result') ? '?format=csv' : ''}`;
      await tally.check(`${describeOperation(operation)} by the intruder's session`, async () => {
        expectEnvelope(await intruder.request(operation.method, url), 404, 'NOT_FOUND');
      });
      if (operation.access.api_keys === 'scoped') {
        await tally.check(`${describeOperation(operation)} by the intruder's key`, async () => {
          const response: LightMyRequestResponse = await t.app.inject({
            method: operation.method,
            url,
            headers: { 'x-api-key': intruderKey },
          });
          expectEnvelope(response, 404, 'NOT_FOUND');
        });
      }
    }
    for (const list of ['/api/v1/keys', '/api/v1/history', '/api/v1/jobs']) {
      await tally.check(`GET ${list} shows none of the owner's ids`, async () => {
        const response = await intruder.request('GET', list);
        expect(response.statusCode).toBe(200);
        for (const id of Object.values(ids)) expect(response.body).not.toContain(id);
      });
    }
    await tally.check('the history export shows none of the owner’s entries', async () => {
      const response = await intruder.request('GET', '/api/v1/history/export?format=json');
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('private note');
    });
    // The intruder's DELETEs and cancels changed nothing.
    for (const [collection, id] of Object.entries(ids)) {
      await tally.check(`the owner still has ${collection} ${id}`, async () => {
        const url = collection === 'keys' ? '/api/v1/keys' : `/api/v1/${collection}/${id}`;
        const response = await owner.request('GET', url);
        expect(response.statusCode).toBe(200);
        expect(response.body).toContain(id);
      });
    }
    tally.finish(operations.length * 2);
    expect(operations.length).toBeGreaterThanOrEqual(7);
  });
});
