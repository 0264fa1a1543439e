import type { PrismaClient } from '@mm/db';

/** The client's therapist list (prioritized, never) and the therapists' client blocks. */
export class RelationshipsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async clearPreference(clientId: string, therapistId: string): Promise<void> {
    await this.prisma.clientTherapistPreference.deleteMany({ where: { clientId, therapistId } });
  }

  /** How many other therapists the client has prioritized (the next one's rank). */
  prioritizedOthers(clientId: string, therapistId: string): Promise<number> {
    return this.prisma.clientTherapistPreference.count({
      where: { clientId, kind: 'PRIORITIZE', therapistId: { not: therapistId } },
    });
  }

  async setPreference(a: {
    clientId: string;
    therapistId: string;
    kind: 'PRIORITIZE' | 'NEVER';
    rank: number;
  }): Promise<void> {
    const { clientId, therapistId, kind, rank } = a;
    await this.prisma.clientTherapistPreference.upsert({
      where: { clientId_therapistId: { clientId, therapistId } },
      create: { clientId, therapistId, kind, rank },
      update: { kind, rank },
    });
  }

  async block(therapistId: string, clientId: string): Promise<void> {
    await this.prisma.therapistClientBlock.createMany({
      data: [{ therapistId, clientId }],
      skipDuplicates: true,
    });
  }

  async unblock(therapistId: string, clientId: string): Promise<void> {
    await this.prisma.therapistClientBlock.deleteMany({ where: { therapistId, clientId } });
  }
}
