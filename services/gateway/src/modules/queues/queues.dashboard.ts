import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { verifyAccessToken } from '@mm/graphql-kit';
import { listQueueNames } from '@mm/queue';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'mm_admin_token';

export interface QueueDashboardOptions {
  redis: Redis;
  prefix: string;
  jwtSecret: string;
  secureCookie: boolean;
}

const cookieToken = (header: string | undefined) =>
  header
    ?.split(';')
    .map((c) => c.trim().split('='))
    .find(([name]) => name === COOKIE)?.[1];

/**
 * The BullMQ dashboard (bull-board) for admins. A browser opens
 * `/admin/queues?token=<access token>` once: the token becomes an HttpOnly
 * cookie scoped to this path; API clients send `Authorization: Bearer`.
 */
export async function registerQueueDashboard(
  app: FastifyInstance,
  opts: QueueDashboardOptions,
): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  const board = createBullBoard({ queues: [], serverAdapter });
  const queues = new Map<string, Queue>();
  let listedAt = 0;

  // Queues appear as services first use them: look again at most every 10 s.
  const refreshQueues = async () => {
    if (Date.now() - listedAt < 10_000) return;
    listedAt = Date.now();
    for (const name of await listQueueNames(opts.redis, opts.prefix)) {
      if (queues.has(name)) continue;
      const queue = new Queue(name, { connection: opts.redis, prefix: opts.prefix });
      queues.set(name, queue);
      board.addQueue(new BullMQAdapter(queue));
    }
  };

  const refuse = (reply: FastifyReply, status: 401 | 403, code: string, message: string) =>
    reply.code(status).send({ errors: [{ message, extensions: { code } }] });

  const requireAdmin = async (request: FastifyRequest, reply: FastifyReply) => {
    const query = request.query as { token?: unknown };
    const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const fromQuery = typeof query.token === 'string' ? query.token : undefined;
    const token = bearer ?? fromQuery ?? cookieToken(request.headers.cookie);
    if (!token) return refuse(reply, 401, 'UNAUTHENTICATED', 'Sign in as an admin to see the queues.');
    let role: string;
    try {
      role = (await verifyAccessToken(token, opts.jwtSecret)).role;
    } catch {
      return refuse(reply, 401, 'UNAUTHENTICATED', 'The access token is invalid or expired; sign in again.');
    }
    if (role !== 'ADMIN') return refuse(reply, 403, 'FORBIDDEN', 'Only admins may see the queues.');
    if (fromQuery) {
      // Out of the address bar (and history) into a cookie only this path receives.
      const secure = opts.secureCookie ? '; Secure' : '';
      reply.header(
        'set-cookie',
        `${COOKIE}=${token}; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict${secure}`,
      );
      return reply.redirect(QUEUE_DASHBOARD_PATH, 303);
    }
    await refreshQueues();
  };

  await app.register(async (scope) => {
    scope.addHook('onRequest', requireAdmin);
    await scope.register(serverAdapter.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
  });
  app.addHook('onClose', async () => {
    await Promise.all([...queues.values()].map((q) => q.close()));
  });
}
