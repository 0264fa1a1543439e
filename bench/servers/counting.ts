/**
 * A Prisma client that counts the statements and transactions it sends, and a loopback HTTP endpoint that reports
 * the counts (GET) and resets them (POST), so a bench can count what a service in another process did.
 */
import { createServer } from 'node:http';
import { createPrismaClient, type PrismaClient } from '@mm/db';

export interface StatementCounts {
  statements: number;
  transactions: number;
}

export function countingPrisma(opts: {
  databaseUrl: string;
  poolSize: number;
  connectionTimeoutMs: number;
}): { prisma: PrismaClient; counts: StatementCounts } {
  const counts: StatementCounts = { statements: 0, transactions: 0 };
  const prisma = createPrismaClient({
    ...opts,
    onQuery: (sql) => {
      if (!/^\s*(BEGIN|COMMIT|ROLLBACK)/i.test(sql)) counts.statements++;
    },
  });
  // Every interactive or batch transaction a service opens goes through $transaction: count them there.
  const transaction = prisma.$transaction.bind(prisma) as (...args: unknown[]) => Promise<unknown>;
  Object.assign(prisma, {
    $transaction: (...args: unknown[]) => {
      counts.transactions++;
      return transaction(...args);
    },
  });
  return { prisma, counts };
}

/** Serves `counts` on 127.0.0.1:`port` until the process exits. */
export function serveCounts(counts: StatementCounts, port: number): void {
  createServer((req, res) => {
    if (req.method === 'POST') Object.assign(counts, { statements: 0, transactions: 0 });
    // One request per connection: a kept-alive socket the server times out would fail the bench's next read.
    res.setHeader('connection', 'close');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(counts));
  })
    .listen(port, '127.0.0.1')
    .unref();
}
