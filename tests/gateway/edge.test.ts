import { GATEWAY_ASSERTION_HEADER, signGatewayAssertion } from '@mm/graphql-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, signUp, startStack } from '../harness/index.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    subgraphs: ['identity'],
    env: { GRAPHQL_MAX_DEPTH: '5', GRAPHQL_MAX_ALIASES: '10' },
  });
});
afterAll(() => stack.close());

const post = (payload: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  stack.gateway.inject({ method: 'POST', url: '/graphql', headers, payload });

describe('gateway trust', () => {
  const direct = async (headers: Record<string, string>) => {
    const res = await fetch(stack.subgraphs.identity!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    return { status: res.status, body: (await res.json()) as { errors: { extensions: { code: string } }[] } };
  };

  it('rejects a subgraph called directly without the gateway assertion', async () => {
    const res = await direct({});
    expect(res.status).toBe(401);
    expect(res.body.errors[0]?.extensions.code).toBe('GATEWAY_TRUST_REQUIRED');
  });

  it('rejects an assertion signed with any other secret, even claiming to be an admin', async () => {
    const forged = await signGatewayAssertion(
      { userId: '00000000-0000-4000-8000-000000000000', role: 'ADMIN' },
      'x'.repeat(40),
    );
    const res = await direct({ [GATEWAY_ASSERTION_HEADER]: forged });
    expect(res.status).toBe(401);
    expect(res.body.errors[0]?.extensions.code).toBe('GATEWAY_TRUST_REQUIRED');
  });

  it('ignores a client-sent assertion header at the gateway and re-signs the real caller', async () => {
    const user = await signUp(stack, 'CLIENT');
    const forged = await signGatewayAssertion(
      { userId: '00000000-0000-4000-8000-000000000000', role: 'ADMIN' },
      'x'.repeat(40),
    );
    const res = await stack.gql<{ me: { id: string } }>(
      '{ me { id } }',
      {},
      { token: user.accessToken, headers: { [GATEWAY_ASSERTION_HEADER]: forged } },
    );
    expect(res.data?.me.id).toBe(user.id);
  });
});

describe('query limits', () => {
  it('rejects an over-deep query with QUERY_TOO_DEEP before running it', async () => {
    const res = await stack.gql('{ me { id addresses { edges { node { accessNotes { parking } } } } } }');
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
  });

  it('rejects an alias flood with TOO_MANY_ALIASES', async () => {
    const aliases = Array.from({ length: 50 }, (_, i) => `a${i}: me { id }`).join(' ');
    const res = await stack.gql(`{ ${aliases} }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('TOO_MANY_ALIASES');
  });

  it('rejects a body larger than the limit with PAYLOAD_TOO_LARGE', async () => {
    const res = await post(JSON.stringify({ query: `{ me { id } } # ${'x'.repeat(200_000)}` }));
    expect(res.statusCode).toBe(413);
    expect(res.json().errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('malformed requests get clear errors and never a stack trace', () => {
  const noStack = (body: string) => {
    expect(body).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(body).not.toContain('stack');
  };

  it('answers broken JSON with BAD_REQUEST', async () => {
    const res = await post('{"query": "{ me { id }');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
    noStack(res.body);
  });

  it('answers a GraphQL syntax error with GRAPHQL_PARSE_FAILED', async () => {
    const res = await stack.gql('{ me { id ');
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    noStack(res.raw);
  });

  it('answers an unknown field with GRAPHQL_VALIDATION_FAILED and says which', async () => {
    const res = await stack.gql('{ me { id passwordHash } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toContain('passwordHash');
    noStack(res.raw);
  });

  it('answers a wrongly typed variable with GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await stack.gql('mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }', {
      input: { email: 42 },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    noStack(res.raw);
  });

  it('answers a malformed timestamp with BAD_USER_INPUT naming the expected form', async () => {
    const user = await signUp(stack, 'CLIENT');
    const res = await stack.gql(
      'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { profile { dateOfBirth } } }',
      {
        input: { dateOfBirth: '21/11/1980' },
      },
      { token: user.accessToken },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('YYYY-MM-DD');
  });

  it('answers a non-bearer authorization header with UNAUTHENTICATED', async () => {
    const res = await stack.gql('{ me { id } }', {}, { headers: { authorization: 'Basic abc' } });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('health', () => {
  it('reports live and ready with Postgres, Redis and subgraphs checked', async () => {
    const live = await stack.gateway.inject({ method: 'GET', url: '/health/live' });
    expect(live.statusCode).toBe(200);
    const ready = await stack.gateway.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.json()).toEqual({ status: 'ok', checks: { redis: 'ok', subgraphs: 'ok' } });
    const identityReady = await fetch(new URL('/health/ready', stack.subgraphs.identity!.url));
    expect(await identityReady.json()).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok' } });
  });
});
