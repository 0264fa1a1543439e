import type { FastifyInstance } from 'fastify';
import { ERROR_CODES } from './errors.ts';

/**
 * Bounds the GraphQL requests one process works on at once. Past the bound a
 * request is turned away at once with a retryable OVERLOADED (HTTP 503,
 * Retry-After), before it takes a database connection, so overload degrades
 * into quick refusals instead of a queue in which every request times out.
 */
export function registerLoadShedding(app: FastifyInstance, maxInFlight: number): void {
  let inFlight = 0;
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/graphql') || request.headers.upgrade) return;
    if (inFlight >= maxInFlight) {
      return reply
        .code(503)
        .header('retry-after', '1')
        .send({
          data: null,
          errors: [{ message: ERROR_CODES.OVERLOADED, extensions: { code: 'OVERLOADED', retryable: true } }],
        });
    }
    inFlight++;
    // 'close' fires once whether the response finished or the client went away.
    reply.raw.once('close', () => {
      inFlight--;
    });
  });
}
