import type { MigraineIntake, PrismaClient, TransactionClient } from '@mm/db';
import { notFound, requireRole, type Viewer } from '@mm/graphql-kit';
import { type SealedIntake, toSealedIntake } from './intake.answers.ts';
import { IntakeError } from './intake.errors.ts';
import { reconfirmationReason } from './intake.policy.ts';
import type { IntakeRepository } from './intake.repository.ts';

export interface IntakeView {
  id: string;
  /** Whose intake (the health-data audit names the subject). */
  clientId: string;
  version: number;
  source: MigraineIntake['source'];
  createdAt: Date;
  confirmedAt: Date | null;
  needsReconfirmation: boolean;
  reconfirmationReason: 'CHANGED' | 'EXPIRED' | null;
  answers: SealedIntake['answers'] & { dateOfBirth: string };
}

/** A usable intake for screening: the current version, opened. */
export interface UsableIntake {
  row: MigraineIntake;
  intake: SealedIntake;
}

export class IntakeService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly repo: IntakeRepository,
    private readonly now: () => Date,
  ) {}

  /** New answers: a new version, confirmed by being submitted. */
  async submit(viewer: Viewer | null, raw: unknown): Promise<IntakeView> {
    const client = requireRole(viewer, 'CLIENT');
    const now = this.now();
    const intake = toSealedIntake(raw, now);
    const row = await this.prisma.$transaction((tx) =>
      this.repo.create(tx, { clientId: client.userId, source: 'CLIENT', intake, now, confirmed: true }),
    );
    return this.view(row, intake, now);
  }

  /** "Still right": confirms the current version as it is. An older version cannot be confirmed. */
  async confirm(viewer: Viewer | null, intakeId: string): Promise<IntakeView> {
    const client = requireRole(viewer, 'CLIENT');
    const now = this.now();
    const row = await this.prisma.$transaction(async (tx) => {
      await this.repo.lockClient(tx, client.userId);
      const target = await this.repo.findById(intakeId, tx);
      if (!target || target.clientId !== client.userId) throw notFound('The intake');
      const current = await this.repo.current(client.userId, tx);
      if (current?.id !== target.id) {
        throw new IntakeError(
          'INTAKE_NOT_CURRENT',
          `Version ${target.version} is not your current intake (version ${current?.version}); review and confirm the current one.`,
        );
      }
      return this.repo.confirm(tx, target.id, now);
    });
    return this.view(row, this.repo.open(row), now);
  }

  async mine(viewer: Viewer | null): Promise<IntakeView | null> {
    const client = requireRole(viewer, 'CLIENT');
    const row = await this.repo.current(client.userId);
    return row ? this.view(row, this.repo.open(row), this.now()) : null;
  }

  /** The client's own versions, or any for an admin (graphql-kit's health-data audit records the read). Others: NOT_FOUND. */
  async byId(viewer: Viewer | null, id: string): Promise<IntakeView> {
    const v = requireRole(viewer, 'CLIENT', 'ADMIN');
    const row = await this.repo.findById(id);
    if (!row || (v.role === 'CLIENT' && row.clientId !== v.userId)) throw notFound('The intake');
    return this.view(row, this.repo.open(row), this.now());
  }

  /**
   * The intake screening uses, or why there is none: INTAKE_REQUIRED, or
   * INTAKE_RECONFIRMATION_REQUIRED when older than 90 days or changed since confirmed.
   */
  async usableFor(db: PrismaClient | TransactionClient, clientId: string, now: Date): Promise<UsableIntake> {
    const row = await this.repo.current(clientId, db);
    if (!row) {
      throw new IntakeError(
        'INTAKE_REQUIRED',
        'Please fill in your migraine health intake first; every booking is screened against it.',
      );
    }
    const reason = reconfirmationReason(row, now);
    if (reason !== null) {
      throw new IntakeError(
        'INTAKE_RECONFIRMATION_REQUIRED',
        reason === 'EXPIRED'
          ? 'Your migraine intake was last confirmed more than 90 days ago. Please review it and confirm it is still right before booking.'
          : 'Your migraine intake changed at your last visit. Please review the changes and confirm them before booking.',
        { reason },
      );
    }
    return { row, intake: this.repo.open(row) };
  }

  /** The current version, opened, whether or not it needs re-confirming (the door re-asks anyway). */
  async currentOpened(tx: TransactionClient, clientId: string): Promise<UsableIntake | null> {
    const row = await this.repo.current(clientId, tx);
    return row ? { row, intake: this.repo.open(row) } : null;
  }

  /** Changes reported at the door: a new, unconfirmed version the client re-confirms before the next booking. */
  recordDoorChange(tx: TransactionClient, clientId: string, intake: SealedIntake, now: Date) {
    return this.repo.create(tx, { clientId, source: 'DAY_OF', intake, now, confirmed: false });
  }

  private view(row: MigraineIntake, intake: SealedIntake, now: Date): IntakeView {
    const reason = reconfirmationReason(row, now);
    return {
      id: row.id,
      clientId: row.clientId,
      version: row.version,
      source: row.source,
      createdAt: row.createdAt,
      confirmedAt: row.confirmedAt,
      needsReconfirmation: reason !== null,
      reconfirmationReason: reason,
      answers: { ...intake.answers, dateOfBirth: intake.dateOfBirth },
    };
  }
}
