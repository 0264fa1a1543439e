import { eventQueueName } from '@mm/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminIdentity, therapistIdentity } from '../booking/helpers.ts';
import { eventually, type Stack, signUp, startStack } from '../harness/index.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity'], workers: true });
});
afterAll(() => stack?.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  stack.gateway.inject({ method: 'GET', url, headers });

describe('/admin/queues', () => {
  it('refuses anyone but an admin, before any dashboard code runs', async () => {
    const therapist = await therapistIdentity(stack);
    const anonymous = await get('/admin/queues/api/queues');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const forged = await get('/admin/queues', { authorization: 'Bearer not-a-token' });
    expect(forged.statusCode).toBe(401);
    const other = await get('/admin/queues/api/queues', { authorization: `Bearer ${therapist.token}` });
    expect(other.statusCode).toBe(403);
    expect(other.json().errors[0].extensions.code).toBe('FORBIDDEN');
    // The static assets are behind the same check.
    expect((await get('/admin/queues/static/favicon-32x32.png')).statusCode).toBe(401);
  });

  it("shows an admin every queue with its jobs (here identity's events after a sign-up)", async () => {
    const admin = await adminIdentity(stack);
    await signUp(stack, 'CLIENT');
    const queue = eventQueueName('identity');
    const body = await eventually(
      async () => {
        const res = await get('/admin/queues/api/queues', { authorization: `Bearer ${admin.token}` });
        expect(res.statusCode).toBe(200);
        const json = res.json() as { queues: { name: string; counts: Record<string, number> }[] };
        const q = json.queues.find((x) => x.name === queue);
        return q && Object.values(q.counts).some((n) => n > 0) ? json : null;
      },
      'the identity events queue on the dashboard',
      { timeoutMs: 30_000 },
    );
    expect(body.queues.map((q) => q.name)).toContain(queue);
  });

  it('lets a browser in with ?token= once: the token moves to an HttpOnly cookie for this path only', async () => {
    const admin = await adminIdentity(stack);
    const entry = await get(`/admin/queues?token=${admin.token}`);
    expect(entry.statusCode).toBe(303);
    expect(entry.headers.location).toBe('/admin/queues');
    const cookie = String(entry.headers['set-cookie']);
    expect(cookie).toMatch(/^mm_admin_token=[^;]+; Path=\/admin\/queues; HttpOnly; SameSite=Strict$/);
    const page = await get('/admin/queues', { cookie: cookie.split(';')[0]! });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const client = await signUp(stack, 'CLIENT');
    expect((await get(`/admin/queues?token=${client.accessToken}`)).statusCode).toBe(403);
  });
});
