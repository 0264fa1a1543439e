import { describe, expect, it } from 'vitest';
import { isOverloaded, isWriteConflict, retryWriteConflicts, unavailableDependency } from './dependency.ts';
import { DomainError } from './errors.ts';

// Shapes as Prisma 7 (adapter-pg), ioredis and undici throw them on this machine.
const prismaUnreachable = {
  name: 'PrismaClientKnownRequestError',
  code: 'P1001',
  meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable' } } },
};
const rawQueryUnreachable = {
  name: 'PrismaClientKnownRequestError',
  code: 'P2010',
  meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } },
};
const restarting = {
  code: 'P2010',
  meta: { driverAdapterError: { cause: { kind: 'postgres', originalCode: '57P01' } } },
};
const redisGone = {
  name: 'MaxRetriesPerRequestError',
  message: 'Reached the max retries per request limit (which is 1).',
};
const redisPaused = new Error('Command timed out');
const subgraphDown = { message: 'connect ECONNREFUSED 127.0.0.1:4003', code: 'ECONNREFUSED' };
const subgraphSlow = { name: 'HeadersTimeoutError', code: 'UND_ERR_HEADERS_TIMEOUT' };
const poolTimeout = new Error('timeout exceeded when trying to connect');
const conflict = { code: 'P2034', message: 'Transaction failed due to a write conflict or a deadlock' };
const deadlock = {
  meta: { driverAdapterError: { cause: { kind: 'TransactionWriteConflict', originalCode: '40P01' } } },
};

describe('unavailableDependency', () => {
  it.each([
    ['Postgres unreachable (transaction)', prismaUnreachable, 'postgres'],
    ['Postgres unreachable (raw query)', rawQueryUnreachable, 'postgres'],
    ['Postgres shutting down', restarting, 'postgres'],
    ['Redis gone', redisGone, 'redis'],
    ['Redis paused', redisPaused, 'redis'],
    ['subgraph down', subgraphDown, 'service'],
    ['subgraph silent', subgraphSlow, 'service'],
    ['wrapped in a cause', { message: 'outer', cause: redisGone }, 'redis'],
    ['a bug', new TypeError('x is undefined'), null],
    ['a unique violation', { code: 'P2002' }, null],
  ])('%s → %s', (_what, err, expected) => {
    expect(unavailableDependency(err)).toBe(expected);
  });
});

describe('isOverloaded / isWriteConflict', () => {
  it('tells saturation and conflicts from outages and bugs', () => {
    expect(isOverloaded(poolTimeout)).toBe(true);
    expect(isOverloaded({ code: 'P2028', message: 'Unable to start a transaction in the given time.' })).toBe(
      true,
    );
    expect(isOverloaded(prismaUnreachable)).toBe(false);
    expect(isWriteConflict(conflict)).toBe(true);
    expect(isWriteConflict(deadlock)).toBe(true);
    expect(isWriteConflict({ code: 'P2002' })).toBe(false);
  });
});

describe('retryWriteConflicts', () => {
  it('runs the work again after a conflict and returns its answer', async () => {
    let calls = 0;
    const result = await retryWriteConflicts(async () => {
      calls++;
      if (calls < 3) throw conflict;
      return 'won';
    });
    expect([result, calls]).toEqual(['won', 3]);
  });

  it('gives up with a retryable CONFLICT, and passes other errors through at once', async () => {
    let calls = 0;
    const always = retryWriteConflicts(async () => {
      calls++;
      throw deadlock;
    });
    await expect(always).rejects.toMatchObject({ code: 'CONFLICT', details: { retryable: true } });
    expect(calls).toBe(3);
    const bug = new DomainError('ALREADY_TAKEN');
    await expect(retryWriteConflicts(async () => Promise.reject(bug))).rejects.toBe(bug);
  });
});
