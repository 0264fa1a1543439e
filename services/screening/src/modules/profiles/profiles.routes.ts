import { GATEWAY_ASSERTION_HEADER, type Viewer, verifyGatewayAssertion } from '@mm/graphql-kit';
import type { FastifyInstance } from 'fastify';
import type { ProfilesService } from './profiles.service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `GET /therapist-photos/:therapistId` behind the gateway: the photo of a profile the caller may read. */
export async function registerProfilePhotoRoute(
  app: FastifyInstance,
  deps: { profiles: ProfilesService; gatewaySecret: string },
): Promise<void> {
  app.get<{ Params: { therapistId: string } }>('/therapist-photos/:therapistId', async (request, reply) => {
    const header = request.headers[GATEWAY_ASSERTION_HEADER];
    let viewer: Viewer | null;
    try {
      viewer = verifyGatewayAssertion(typeof header === 'string' ? header : undefined, deps.gatewaySecret);
    } catch (err) {
      const e = err as { code: string; message: string };
      return reply
        .code(401)
        .send({ data: null, errors: [{ message: e.message, extensions: { code: e.code } }] });
    }
    const id = request.params.therapistId;
    const photo = UUID.test(id) ? await deps.profiles.photo(viewer, id) : null;
    if (!photo) {
      return reply.code(404).send({
        data: null,
        errors: [{ message: 'The photo was not found.', extensions: { code: 'NOT_FOUND' } }],
      });
    }
    return reply
      .header('content-type', photo.contentType)
      .header('cache-control', 'private, max-age=300')
      .header('x-content-type-options', 'nosniff')
      .send(photo.bytes);
  });
}
