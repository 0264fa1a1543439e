import type { AuditEntry, PrismaClient, User } from '@mm/db';
import { newestFirstAfter } from '@mm/graphql-kit';

/** The accounting of disclosures: health-data reads in platform.audit_entries. */
export class AccessLogRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Reads of one client's health data, newest first (take = size + 1). */
  reads(subjectId: string, take: number, after: unknown[] | null): Promise<AuditEntry[]> {
    return this.prisma.auditEntry.findMany({
      where: { subjectId, action: 'health_data.read', ...newestFirstAfter('at', after) },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  reader(userId: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { id: userId } });
  }
}
