import { describe, expect, it } from 'vitest';
import { ReminderBatcher } from './reminders.batcher.ts';

describe('ReminderBatcher', () => {
  it('delivers the jobs that arrive together in one batch, each job settling with its own outcome', async () => {
    const batches: string[][] = [];
    const batcher = new ReminderBatcher(
      async (ids) => {
        batches.push([...ids]);
        return new Map(ids.filter((id) => id !== 'gone').map((id) => [id, `sent ${id}`]));
      },
      10,
      'missing',
    );
    const outcomes = await Promise.all(['a', 'b', 'gone', 'c'].map((id) => batcher.deliver(id)));
    expect(batches).toEqual([['a', 'b', 'gone', 'c']]);
    expect(outcomes).toEqual(['sent a', 'sent b', 'missing', 'sent c']);
  });

  it('never puts more than the maximum in one batch', async () => {
    const batches: string[][] = [];
    const batcher = new ReminderBatcher(
      async (ids) => {
        batches.push([...ids]);
        return new Map(ids.map((id) => [id, 'sent']));
      },
      2,
      'missing',
    );
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => batcher.deliver(id)));
    expect(batches).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('retries a failed batch one by one, so only the bad reminder’s job fails', async () => {
    const batches: string[][] = [];
    const batcher = new ReminderBatcher(
      async (ids) => {
        batches.push([...ids]);
        if (ids.includes('bad')) throw new Error('bad row');
        return new Map(ids.map((id) => [id, 'sent']));
      },
      10,
      'missing',
    );
    const settled = await Promise.allSettled(['a', 'bad', 'b'].map((id) => batcher.deliver(id)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(batches).toEqual([['a', 'bad', 'b'], ['a'], ['bad'], ['b']]);
  });
});
