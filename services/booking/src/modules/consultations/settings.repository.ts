import type { PrismaClient, TransactionClient } from '@mm/db';

type Db = PrismaClient | TransactionClient;

/** The therapist's booking-side settings (whether they offer free consultations). */
export class TherapistSettingsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async offersConsultation(therapistId: string, db: Db = this.prisma): Promise<boolean> {
    const row = await db.therapistBookingSettings.findUnique({ where: { therapistId } });
    return row?.offersConsultation ?? false;
  }

  /** For a page of therapists at once (the Therapist.offersConsultation loader). */
  async offersConsultationMany(therapistIds: readonly string[]): Promise<Set<string>> {
    const rows = await this.prisma.therapistBookingSettings.findMany({
      where: { therapistId: { in: [...therapistIds] }, offersConsultation: true },
      select: { therapistId: true },
    });
    return new Set(rows.map((r) => r.therapistId));
  }

  async setOffersConsultation(therapistId: string, offers: boolean): Promise<boolean> {
    const row = await this.prisma.therapistBookingSettings.upsert({
      where: { therapistId },
      create: { therapistId, offersConsultation: offers },
      update: { offersConsultation: offers },
    });
    return row.offersConsultation;
  }
}
