import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../harness/index.ts';

let stack: Stack;
let url: string;
beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity'] });
  url = `${await stack.gateway.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
});
afterAll(() => stack.close());

describe('GraphQL over HTTP (graphql-http audit through the gateway)', () => {
  it('passes every audit with no error and no warning', async () => {
    const results = [];
    for (const audit of serverAudits({ url }))
      results.push({ ...(await audit.fn()), name: audit.name, id: audit.id });
    const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
    for (const r of results) counts[r.status]++;
    const problems = results
      .filter((r) => r.status === 'warn' || r.status === 'error')
      .map((r) => `${r.status} ${r.name}: ${'reason' in r ? r.reason : ''}`);
    console.info('graphql-http audit', counts);
    for (const n of results.filter((r) => r.status === 'notice'))
      console.info(`notice ${n.name}: ${'reason' in n ? n.reason : ''}`);
    expect(problems).toEqual([]);
    expect(counts.ok).toBeGreaterThan(40);
  });
});
