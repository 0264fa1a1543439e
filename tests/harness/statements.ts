import type { Config } from '@mm/config';
import { createPrismaClient, type PrismaClient } from '@mm/db';
import { GATEWAY_ASSERTION_HEADER, signGatewayAssertion, type Viewer } from '@mm/graphql-kit';
import type { FastifyInstance } from 'fastify';

/** A Prisma client that records every SQL statement it sends, for a subgraph built on it. */
export function countingPrisma(config: Config): { prisma: PrismaClient; statements: string[] } {
  const statements: string[] = [];
  const prisma = createPrismaClient({
    databaseUrl: config.DATABASE_URL,
    poolSize: 3,
    onQuery: (sql) => statements.push(sql),
  });
  return { prisma, statements };
}

export interface CountedResult<T> {
  /** SQL statements the request cost. */
  statements: number;
  data: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/**
 * One GraphQL request to a subgraph, signed as the gateway signs it for `viewer`, and the SQL statements
 * it cost (the `statements` array of `countingPrisma`). Used by the loaders tests: a list must cost the
 * same whatever its page size.
 */
export async function countStatements<T>(a: {
  app: FastifyInstance;
  statements: string[];
  config: Config;
  viewer: Viewer;
  query: string;
  variables?: Record<string, unknown>;
}): Promise<CountedResult<T>> {
  const assertion = await signGatewayAssertion(a.viewer, a.config.GATEWAY_SHARED_SECRET);
  a.statements.length = 0;
  const res = await a.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', [GATEWAY_ASSERTION_HEADER]: assertion },
    payload: JSON.stringify({ query: a.query, variables: a.variables ?? {} }),
  });
  const body = res.json() as { data: T; errors?: CountedResult<T>['errors'] };
  return {
    statements: a.statements.length,
    data: body.data,
    ...(body.errors ? { errors: body.errors } : {}),
  };
}
