import { randomUUID } from 'node:crypto';
import { loadConfig } from '@mm/config';
import { toGlobalId, type Viewer } from '@mm/graphql-kit';
import { buildIdentityApp } from '@mm/identity/app';
import { createRedis } from '@mm/queue';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingPrisma, countStatements } from '../harness/index.ts';

// The identity subgraph on a Prisma client that reports every SQL statement it sends.
const config = loadConfig();
const { prisma, statements } = countingPrisma(config);
const redis = createRedis({ redisUrl: config.REDIS_URL });
const users = Array.from({ length: 60 }, () => ({ id: randomUUID(), addressId: randomUUID() }));
const admin: Viewer = { userId: randomUUID(), role: 'ADMIN' };
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildIdentityApp({ config, prisma, redis });
  await prisma.user.createMany({
    data: users.map((u, i) => ({
      id: u.id,
      email: `loader-${i}-${u.id}@example.test`,
      passwordHash: 'x',
      role: 'CLIENT' as const,
    })),
  });
  await prisma.profile.createMany({ data: users.map((u, i) => ({ userId: u.id, fullName: `Client ${i}` })) });
  await prisma.address.createMany({
    data: users.map((u, i) => ({
      id: u.addressId,
      userId: u.id,
      label: 'Home',
      line1: `${i} Test Street`,
      city: 'New York',
      jurisdiction: 'US-NY',
      postalCode: '10036',
      country: 'US',
      latitude: 40.758,
      longitude: -73.9855,
      geocodedBy: 'test',
    })),
  });
});

afterAll(async () => {
  await app?.close();
  await prisma.$disconnect();
  redis.disconnect();
});

// What the gateway sends identity to resolve references from other subgraphs.
const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on User { id profile { fullName } }
    ... on Address { id city }
  }
}`;
type Entity = { id: string; profile?: { fullName: string } | null; city?: string } | null;

async function resolve(typename: 'User' | 'Address', n: number, viewer = admin) {
  const representations = users.slice(0, n).map((u) => ({
    __typename: typename,
    id: toGlobalId(typename, typename === 'User' ? u.id : u.addressId),
  }));
  const res = await countStatements<{ _entities: Entity[] }>({
    app,
    statements,
    config,
    viewer,
    query: ENTITIES,
    variables: { representations },
  });
  expect(res.errors).toBeUndefined();
  expect(res.data._entities).toHaveLength(n);
  return res;
}

describe('federated references are loaders', () => {
  it('User references (with each profile) cost the same statements for 10 as for 50', async () => {
    const ten = await resolve('User', 10);
    const fifty = await resolve('User', 50);
    expect(fifty.data._entities.map((u) => u?.profile?.fullName)).toEqual(
      users.slice(0, 50).map((_, i) => `Client ${i}`),
    );
    expect(ten.statements).toBeGreaterThan(0);
    expect(fifty.statements).toBe(ten.statements);
    // The profile stays the owner's and admins': another client sees the users but no profile.
    const other = await resolve('User', 10, { userId: randomUUID(), role: 'CLIENT' });
    expect(other.data._entities.map((u) => u?.profile ?? null)).toEqual(Array(10).fill(null));
  });

  it('Address references cost the same statements for 10 as for 50', async () => {
    const ten = await resolve('Address', 10);
    const fifty = await resolve('Address', 50);
    expect(fifty.data._entities.map((a) => a?.id)).toEqual(
      users.slice(0, 50).map((u) => toGlobalId('Address', u.addressId)),
    );
    expect(ten.statements).toBeGreaterThan(0);
    expect(fifty.statements).toBe(ten.statements);
  });
});
