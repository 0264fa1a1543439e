import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, signUp, startStack } from '../harness/index.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    subgraphs: ['identity'],
    env: {
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      GATEWAY_SHARED_SECRET: randomBytes(32).toString('hex'),
      HEALTH_DATA_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    },
  });
});
afterAll(() => stack.close());

describe('in production', () => {
  it('refuses introspection', async () => {
    const res = await stack.gql('{ __schema { types { name } } }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('serves no GraphiQL', async () => {
    const res = await stack.gateway.inject({ method: 'GET', url: '/graphiql' });
    expect(res.statusCode).toBe(404);
  });

  it('still answers ordinary queries', async () => {
    const user = await signUp(stack, 'CLIENT');
    const me = await stack.gql<{ me: { id: string } }>('{ me { id } }', {}, { token: user.accessToken });
    expect(me.data?.me.id).toBe(user.id);
  });
});
