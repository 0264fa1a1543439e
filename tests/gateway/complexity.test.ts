import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, signUp, startStack } from '../harness/index.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity'], env: { GRAPHQL_MAX_COST: '40' } });
});
afterAll(() => stack.close());

const WIDE = `{ me { id role email createdAt
  profile { fullName phone timezone dateOfBirth }
  addresses(first: 100) { edges { cursor node { id label line1 line2 city jurisdiction postalCode country latitude longitude isDefault
    accessNotes { parking pets stairs entry } } } pageInfo { hasNextPage endCursor } } } }`;

describe('query cost limit', () => {
  it('refuses a query that asks for too much at once with QUERY_TOO_COMPLEX, before any subgraph runs', async () => {
    const user = await signUp(stack, 'CLIENT');
    const res = await stack.gql(WIDE, {}, { token: user.accessToken });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.data).toBeNull();
  });

  it('lets an ordinary query through', async () => {
    const user = await signUp(stack, 'CLIENT');
    const res = await stack.gql<{ me: { id: string } }>(
      '{ me { id role } }',
      {},
      { token: user.accessToken },
    );
    expect(res.data?.me.id).toBe(user.id);
  });
});
