import type { AuditEntry } from '@mm/db';
import {
  fromGlobalId,
  type GraphQLContext,
  type PageArgs,
  pageRequest,
  requireRole,
  toConnection,
  toGlobalId,
} from '@mm/graphql-kit';
import type { AccessLogRepository } from './access-log.repository.ts';

/** The accounting of disclosures: reads recorded by graphql-kit's health-data audit (platform.audit_entries). */
export function accessLogResolvers(repo: AccessLogRepository) {
  const page = async (subjectId: string, args: PageArgs) => {
    const { size, take, after } = pageRequest(args);
    const rows = await repo.reads(subjectId, take, after);
    return toConnection(rows, size, (r) => [r.at.toISOString(), r.id]);
  };
  return {
    Query: {
      myHealthDataAccess: (_: unknown, args: PageArgs, ctx: GraphQLContext) =>
        page(requireRole(ctx.viewer, 'CLIENT').userId, args),
      healthDataAccessTrail: (_: unknown, args: PageArgs & { clientId: string }, ctx: GraphQLContext) => {
        requireRole(ctx.viewer, 'ADMIN');
        return page(fromGlobalId('User', args.clientId, 'clientId'), args);
      },
    },
    HealthDataAccess: {
      id: (e: AuditEntry) => toGlobalId('HealthDataAccess', e.id),
      reader: (e: AuditEntry) => (e.actorId ? repo.reader(e.actorId) : null),
      readerRole: (e: AuditEntry) => e.actorRole,
      dataType: (e: AuditEntry) => e.entityType,
      field: (e: AuditEntry) => (e.after as { field?: string } | null)?.field ?? null,
    },
  };
}
