// While a dependency is away, nothing hangs and nothing is INTERNAL_SERVER_ERROR:
// readiness names it, requests that need it answer a retryable
// SERVICE_UNAVAILABLE, and service resumes by itself when it returns.
// Against a Redis of our own (killed on purpose) and a Postgres port nobody serves.
import { createPrismaClient } from '@mm/db';
import { eventually } from '@mm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpareRedis } from '../../packages/queue/test/spare-redis.ts';
import { type Stack, signUp, startStack } from '../harness/index.ts';

const spare = new SpareRedis(6392);
let stack: Stack;
beforeAll(async () => {
  spare.kill();
  spare.start();
  stack = await startStack({ subgraphs: ['identity'], env: { REDIS_URL: spare.url } });
});
afterAll(async () => {
  await stack?.close();
  spare.kill();
});

const ready = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as { checks: Record<string, string> } };
};

describe('Redis goes away', () => {
  it('readiness names it, requests answer SERVICE_UNAVAILABLE, and all resumes when it returns', async () => {
    const identityReady = new URL('/health/ready', stack.subgraphs.identity!.url).toString();
    await eventually(async () => (await ready(identityReady)).status === 200, 'identity ready');
    const user = await signUp(stack, 'CLIENT');
    const signedIn = () =>
      stack.gql<{ me: { id: string } }>('{ me { id } }', {}, { token: user.accessToken });
    await eventually(async () => (await signedIn()).data?.me.id === user.id, 'the signed-in request');
    spare.kill();

    const identity = await ready(identityReady);
    expect(identity.status).toBe(503);
    expect(identity.body.checks.redis).toMatch(/^failing/);
    expect(identity.body.checks.postgres).toBe('ok');
    const gateway = await stack.gateway.inject({ method: 'GET', url: '/health/ready' });
    expect(gateway.statusCode).toBe(503);
    expect(gateway.json().checks.redis).toMatch(/^failing/);

    // A signed-in request needs the revocation feed (Redis): refused, retryable, not served on a guess.
    await eventually(
      async () => (await signedIn()).errors?.[0]?.extensions?.code === 'SERVICE_UNAVAILABLE',
      'signed-in requests to pause',
    );
    expect((await signedIn()).errors?.[0]?.extensions).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      retryable: true,
    });
    // Rate limits count locally, so an anonymous request still reaches identity meanwhile.
    expect((await stack.gql('{ me { id } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    spare.start();
    // Anonymous `me` reaches identity, which answers UNAUTHENTICATED: the request went through.
    const reachesIdentity = async () =>
      (await stack.gql('{ me { id } }')).errors?.[0]?.extensions?.code === 'UNAUTHENTICATED';
    await eventually(reachesIdentity, 'requests succeed again');
    expect(await reachesIdentity()).toBe(true);
    await eventually(async () => (await signedIn()).data?.me.id === user.id, 'signed-in requests to resume');
    expect((await ready(identityReady)).status).toBe(200);
  });
});

describe('Postgres cannot be reached', () => {
  it('a request that needs it answers SERVICE_UNAVAILABLE naming postgres, never INTERNAL_SERVER_ERROR', async () => {
    const { buildIdentityApp } = await import('@mm/identity/app');
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const prisma = createPrismaClient({ databaseUrl: 'postgresql://postgres@127.0.0.1:1/none' });
    const app = await buildIdentityApp({ config: stack.config, prisma, redis: stack.redis });
    try {
      const { GATEWAY_ASSERTION_HEADER, signGatewayAssertion } = await import('@mm/graphql-kit');
      const res = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: {
          'content-type': 'application/json',
          [GATEWAY_ASSERTION_HEADER]: await signGatewayAssertion(null, stack.config.GATEWAY_SHARED_SECRET),
        },
        payload: JSON.stringify({
          query: 'mutation($i: SignInInput!) { signIn(input: $i) { accessToken } }',
          variables: { i: { email: 'nobody@example.test', password: 'long-enough-password' } },
        }),
      });
      expect(res.json().errors[0].extensions).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        retryable: true,
        dependency: 'postgres',
      });
      const health = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(health.statusCode).toBe(503);
      expect(health.json().checks.postgres).toMatch(/^failing/);
    } finally {
      await app.close();
      await prisma.$disconnect();
    }
  });
});
