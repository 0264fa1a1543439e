import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../harness/index.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity'], env: { NODE_ENV: 'development' } });
});
afterAll(() => stack.close());

describe('GraphiQL in development', () => {
  it('is a page whose every script and stylesheet is served by the gateway itself', async () => {
    const page = await stack.gateway.inject({ method: 'GET', url: '/graphiql' });
    expect(page.statusCode).toBe(200);
    const urls = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls).toHaveLength(5);
    for (const url of urls) {
      expect(url).toMatch(/^\/graphiql\/assets\//);
      const asset = await stack.gateway.inject({ method: 'GET', url });
      expect(asset.statusCode, url).toBe(200);
      expect(asset.body.length, url).toBeGreaterThan(100);
      // No asset fetches code from elsewhere at run time.
      expect(asset.body, url).not.toMatch(/unpkg\.com|cdn\.jsdelivr|esm\.sh/);
    }
    const init = await stack.gateway.inject({ method: 'GET', url: '/graphiql/assets/init.js' });
    expect(init.body).toContain('GraphiQL.createFetcher');
  });
});

describe('x-request-id', () => {
  it('comes back on every response: GraphQL, errors, health and unknown routes', async () => {
    const responses = await Promise.all([
      stack.gateway.inject({ method: 'POST', url: '/graphql', payload: { query: '{ __typename }' } }),
      stack.gateway.inject({ method: 'POST', url: '/graphql', payload: { query: '{ nope' } }),
      stack.gateway.inject({ method: 'GET', url: '/health/live' }),
      stack.gateway.inject({ method: 'GET', url: '/no/such/route' }),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual([200, 400, 200, 404]);
    const ids = responses.map((r) => r.headers['x-request-id']);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(4);
  });

  it("keeps the caller's id, refuses one that could forge log structure, and subgraphs answer with the gateway's", async () => {
    const kept = await stack.gateway.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'x-request-id': 'mobile-7f3a.42' },
      payload: { query: '{ __typename }' },
    });
    expect(kept.headers['x-request-id']).toBe('mobile-7f3a.42');
    const forged = await stack.gateway.inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'a"}\n{"level":60' },
    });
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    // What the gateway sends a subgraph (its request id) is the subgraph's request id, in its logs and reply.
    const sub = await stack.subgraphs.identity!.app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': String(kept.headers['x-request-id']) },
    });
    expect(sub.headers['x-request-id']).toBe('mobile-7f3a.42');
  });
});
