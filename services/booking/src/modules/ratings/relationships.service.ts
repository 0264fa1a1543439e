import { forbidden, type Viewer } from '@mm/graphql-kit';
import type { BookingContext } from '../../context.ts';

export type TherapistPreference = 'PRIORITIZE' | 'NEVER' | 'NONE';

/**
 * Who is offered to whom, beyond eligibility: the client's prioritized list
 * (offered first, in the order marked) and never-list, and the therapist's
 * blocks. Matching reads these in SQL.
 */
export class RelationshipsService {
  constructor(private readonly ctx: BookingContext) {}

  async setPreference(viewer: Viewer, therapistId: string, preference: TherapistPreference) {
    if (viewer.role !== 'CLIENT') throw forbidden('Only clients keep a list of therapists.');
    const key = { clientId_therapistId: { clientId: viewer.userId, therapistId } };
    if (preference === 'NONE') {
      await this.ctx.prisma.clientTherapistPreference.deleteMany({
        where: { clientId: viewer.userId, therapistId },
      });
      return preference;
    }
    const rank =
      preference === 'PRIORITIZE'
        ? await this.ctx.prisma.clientTherapistPreference.count({
            where: { clientId: viewer.userId, kind: 'PRIORITIZE', therapistId: { not: therapistId } },
          })
        : 0;
    await this.ctx.prisma.clientTherapistPreference.upsert({
      where: key,
      create: { clientId: viewer.userId, therapistId, kind: preference, rank },
      update: { kind: preference, rank },
    });
    return preference;
  }

  async setBlocked(viewer: Viewer, clientId: string, blocked: boolean): Promise<boolean> {
    if (viewer.role !== 'THERAPIST') throw forbidden('Only therapists block clients.');
    if (blocked) {
      await this.ctx.prisma.therapistClientBlock.createMany({
        data: [{ therapistId: viewer.userId, clientId }],
        skipDuplicates: true,
      });
    } else {
      await this.ctx.prisma.therapistClientBlock.deleteMany({
        where: { therapistId: viewer.userId, clientId },
      });
    }
    return blocked;
  }
}
