import { randomUUID } from 'node:crypto';
import { loadConfig } from '@mm/config';
import { createPrismaClient } from '@mm/db';
import { GATEWAY_ASSERTION_HEADER, signGatewayAssertion } from '@mm/graphql-kit';
import { createRedis } from '@mm/queue';
import { buildScreeningApp } from '@mm/screening/app';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';

// The screening subgraph on a Prisma client that reports every SQL statement it sends.
const config = loadConfig();
const statements: string[] = [];
const prisma = createPrismaClient({
  databaseUrl: config.DATABASE_URL,
  poolSize: 3,
  onQuery: (sql) => statements.push(sql),
});
const redis = createRedis({ redisUrl: config.REDIS_URL });
const now = new Date('2026-12-01T12:00:00.000Z');
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildScreeningApp({ config, prisma, redis, now: () => now });
  for (let i = 0; i < 60; i++) {
    const id = randomUUID();
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
        therapistId: randomUUID(),
        status: 'SUBMITTED',
        submittedAt: new Date(now.getTime() - (i + 1) * 60_000),
        documents: { create: [doc(photo, 'PHOTO'), doc(licenseDoc, 'LICENSE')] },
      },
    });
    await prisma.therapistApplication.update({ where: { id }, data: { photoDocumentId: photo } });
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
  const assertion = await signGatewayAssertion(
    { userId: randomUUID(), role: 'ADMIN' },
    config.GATEWAY_SHARED_SECRET,
  );
  statements.length = 0;
  const res = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', [GATEWAY_ASSERTION_HEADER]: assertion },
    payload: JSON.stringify({ query: LIST, variables: { first } }),
  });
  const body = res.json() as {
    data: { therapistApplications: { edges: { node: Node }[] } };
    errors?: unknown;
  };
  expect(body.errors).toBeUndefined();
  const nodes = body.data.therapistApplications.edges.map((e) => e.node);
  expect(nodes).toHaveLength(first);
  for (const n of nodes) {
    expect(n.photo?.id).toBeTruthy();
    expect(n.licenses[0]?.document?.id).toBeTruthy();
  }
  return statements.length;
}

it('the application queue costs the same SQL statements for 10 rows as for 50 (rows and documents are batched)', async () => {
  const ten = await statementsFor(10);
  const fifty = await statementsFor(50);
  expect(ten).toBeGreaterThan(0);
  expect(fifty).toBe(ten);
});
