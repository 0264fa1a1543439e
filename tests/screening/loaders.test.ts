import { randomUUID } from 'node:crypto';
import { loadConfig } from '@mm/config';
import { toGlobalId, type Viewer } from '@mm/graphql-kit';
import { createRedis } from '@mm/queue';
import { buildScreeningApp } from '@mm/screening/app';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { countingPrisma, countStatements } from '../harness/index.ts';

// The screening subgraph on a Prisma client that reports every SQL statement it sends.
const config = loadConfig();
const { prisma, statements } = countingPrisma(config);
const redis = createRedis({ redisUrl: config.REDIS_URL });
const now = new Date('2026-12-01T12:00:00.000Z');
const admin: Viewer = { userId: randomUUID(), role: 'ADMIN' };
/** Each application, its therapist and its photo document, for the reference tests. */
const created: { id: string; therapistId: string; photo: string }[] = [];
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildScreeningApp({ config, prisma, redis, now: () => now });
  for (let i = 0; i < 60; i++) {
    const id = randomUUID();
    const therapistId = randomUUID();
    const photo = randomUUID();
    const licenseDoc = randomUUID();
    const doc = (docId: string, kind: 'PHOTO' | 'LICENSE') => ({
      id: docId,
      kind,
      declaredContentType: 'image/png',
      declaredSizeBytes: 1000,
      declaredSha256: 'a'.repeat(64),
      uploadExpiresAt: new Date(now.getTime() + 3_600_000),
    });
    await prisma.therapistApplication.create({
      data: {
        id,
        therapistId,
        status: 'SUBMITTED',
        submittedAt: new Date(now.getTime() - (i + 1) * 60_000),
        documents: { create: [doc(photo, 'PHOTO'), doc(licenseDoc, 'LICENSE')] },
      },
    });
    await prisma.therapistApplication.update({ where: { id }, data: { photoDocumentId: photo } });
    created.push({ id, therapistId, photo });
    await prisma.license.create({
      data: {
        applicationId: id,
        number: `L-${i}`,
        type: 'LMT',
        jurisdiction: 'US-NY',
        issuedOn: new Date('2024-01-01'),
        expiresOn: new Date('2028-01-01'),
        documentId: licenseDoc,
      },
    });
  }
});

afterAll(async () => {
  await app?.close();
  await prisma.$disconnect();
  redis.disconnect();
});

const LIST = `query($first: Int) {
  therapistApplications(first: $first) { edges { node { id photo { id } licenses { id document { id } } } } }
}`;
type Node = { photo: { id: string } | null; licenses: { document: { id: string } | null }[] };

/** Statements one page of the admin's application queue costs, with each row's documents. */
async function statementsFor(first: number): Promise<number> {
  const res = await countStatements<{ therapistApplications: { edges: { node: Node }[] } }>({
    app,
    statements,
    config,
    viewer: admin,
    query: LIST,
    variables: { first },
  });
  expect(res.errors).toBeUndefined();
  const nodes = res.data.therapistApplications.edges.map((e) => e.node);
  expect(nodes).toHaveLength(first);
  for (const n of nodes) {
    expect(n.photo?.id).toBeTruthy();
    expect(n.licenses[0]?.document?.id).toBeTruthy();
  }
  return res.statements;
}

it('the application queue costs the same SQL statements for 10 rows as for 50 (rows and documents are batched)', async () => {
  const ten = await statementsFor(10);
  const fifty = await statementsFor(50);
  expect(ten).toBeGreaterThan(0);
  expect(fifty).toBe(ten);
});

// What the gateway sends screening to resolve references from other subgraphs.
const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on TherapistApplication { id licenses { id } }
    ... on Document { id kind }
  }
}`;

async function references(typename: 'TherapistApplication' | 'Document', n: number, viewer = admin) {
  const representations = created.slice(0, n).map((c) => ({
    __typename: typename,
    id: toGlobalId(typename, typename === 'Document' ? c.photo : c.id),
  }));
  const res = await countStatements<{ _entities: ({ id: string } | null)[] }>({
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

it.each(['TherapistApplication', 'Document'] as const)(
  '%s references cost the same statements for 10 as for 50 (__resolveReference is a loader)',
  async (typename) => {
    const ten = await references(typename, 10);
    const fifty = await references(typename, 50);
    const expected = created
      .slice(0, 50)
      .map((c) => toGlobalId(typename, typename === 'Document' ? c.photo : c.id));
    expect(fifty.data._entities.map((e) => e?.id)).toEqual(expected);
    expect(ten.statements).toBeGreaterThan(0);
    expect(fifty.statements).toBe(ten.statements);
    // Another therapist sees none of them.
    const stranger = await references(typename, 10, { userId: randomUUID(), role: 'THERAPIST' });
    expect(stranger.data._entities).toEqual(Array(10).fill(null));
  },
);

// What the gateway sends screening for `me { therapistApplication { … } }` (User is identity's entity).
const USERS = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on User { therapistApplication { id status } } }
}`;
const WITH_ITEMS = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on User { therapistApplication { id status licenses { id } insurancePolicies { id } nextExpiry } }
  }
}`;
type UserEntity = {
  therapistApplication: {
    id: string;
    status: string;
    licenses?: unknown[];
    nextExpiry?: string | null;
  } | null;
};

async function users(n: number, query: string, viewer: Viewer = admin) {
  const representations = created
    .slice(0, n)
    .map((c) => ({ __typename: 'User', id: toGlobalId('User', c.therapistId) }));
  const res = await countStatements<{ _entities: UserEntity[] }>({
    app,
    statements,
    config,
    viewer,
    query,
    variables: { representations },
  });
  expect(res.errors).toBeUndefined();
  expect(res.data._entities).toHaveLength(n);
  return res;
}

it('User.therapistApplication is one statement for a request, its items only when asked, for 10 as for 50', async () => {
  const one = await users(1, USERS);
  expect(one.statements).toBe(1);
  const fifty = await users(50, USERS);
  expect(fifty.statements).toBe(1);
  expect(fifty.data._entities.map((e) => e.therapistApplication?.id)).toEqual(
    created.slice(0, 50).map((c) => toGlobalId('TherapistApplication', c.id)),
  );
  // The nearest expiry counts verified items still valid today only.
  const [first, second] = created as [(typeof created)[number], (typeof created)[number]];
  await prisma.license.updateMany({ where: { applicationId: first.id }, data: { status: 'VERIFIED' } });
  await prisma.insurancePolicy.create({
    data: {
      applicationId: second.id,
      carrier: 'Acme',
      policyNumber: 'P-1',
      expiresOn: new Date('2026-11-30'),
      status: 'VERIFIED',
    },
  });
  const ten = await users(10, WITH_ITEMS);
  const withItems = await users(50, WITH_ITEMS);
  expect(withItems.statements).toBe(ten.statements);
  expect(withItems.data._entities.every((e) => e.therapistApplication?.licenses?.length === 1)).toBe(true);
  expect(withItems.data._entities.map((e) => e.therapistApplication?.nextExpiry).slice(0, 3)).toEqual([
    '2028-01-01',
    null,
    null,
  ]);
});

it('User.therapistApplication is null for another therapist, without a statement; its own therapist sees it', async () => {
  const stranger = await users(10, USERS, { userId: randomUUID(), role: 'THERAPIST' });
  expect(stranger.data._entities).toEqual(Array(10).fill({ therapistApplication: null }));
  expect(stranger.statements).toBe(0);
  const first = created[0] as (typeof created)[number];
  const own = await users(1, USERS, { userId: first.therapistId, role: 'THERAPIST' });
  expect(own.data._entities[0]?.therapistApplication).toEqual({
    id: toGlobalId('TherapistApplication', first.id),
    status: 'SUBMITTED',
  });
});
