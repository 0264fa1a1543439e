import { randomUUID } from 'node:crypto';
import { recordAudit, type SessionNote, type SessionNoteVersion, type TransactionClient } from '@mm/db';
import { fromGlobalId, notFound, requireRole, type Viewer } from '@mm/graphql-kit';
import { z } from 'zod';
import type { CareContext } from '../../context.ts';
import { careBooking } from '../homework/homework.repository.ts';
import { advisoryLock } from '../shared/locks.repository.ts';
import { NotesError } from './notes.errors.ts';
import { insertNote, keepVersion, noteOfBooking, updateNote, versionsOf } from './notes.repository.ts';

/** Notes lock this long after the session is completed; later changes are amendments. */
export const NOTE_LOCK_HOURS = 24;

const text = z.string().trim().max(10_000);
const writeInput = z.object({
  bookingId: z.string(),
  subjective: text,
  objective: text,
  assessment: text,
  plan: text,
  amendmentReason: z.string().trim().min(1).max(1000).nullish(),
});

export interface Soap {
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
}

/** One write of a note, as the service read it. */
interface NoteWrite {
  therapistId: string;
  bookingId: string;
  soap: Soap;
  reason: string | null;
  now: Date;
}

export class NotesService {
  constructor(private readonly ctx: CareContext) {}

  /**
   * Writes the SOAP note of a completed session (its therapist only). Until the lock,
   * edits replace the text; after it, an amendment needs a reason, the previous text is
   * kept as a version, and the change is audited.
   */
  async write(viewer: Viewer, raw: unknown): Promise<SessionNote> {
    const therapist = requireRole(viewer, 'THERAPIST');
    const input = writeInput.parse(raw);
    const bookingId = fromGlobalId('Booking', input.bookingId, 'bookingId');
    const soap: Soap = {
      subjective: input.subjective,
      objective: input.objective,
      assessment: input.assessment,
      plan: input.plan,
    };
    const w: NoteWrite = {
      therapistId: therapist.userId,
      bookingId,
      soap,
      reason: input.amendmentReason ?? null,
      now: this.ctx.now(),
    };
    return this.ctx.prisma.$transaction(async (tx) => {
      const booking = await careBooking(tx, bookingId);
      if (!booking || booking.therapistId !== therapist.userId) throw notFound('This session');
      if (booking.status !== 'COMPLETED' || !booking.completedAt) {
        throw new NotesError(
          'SESSION_NOT_COMPLETED',
          'Session notes are written after the session is completed.',
        );
      }
      const lockedAt = new Date(booking.completedAt.getTime() + NOTE_LOCK_HOURS * 3_600_000);
      // Serialises writers of this booking's note (first insert included).
      await advisoryLock(tx, `care-note-${bookingId}`);
      const existing = await noteOfBooking(tx, bookingId);
      if (!existing) return this.createNote(tx, w, booking.clientId, lockedAt);
      if (w.now < existing.lockedAt) {
        return updateNote(tx, existing.id, {
          sealed: this.ctx.cipher.sealJson(soap, existing.id),
          updatedAt: w.now,
        });
      }
      return this.amend(tx, w, existing);
    });
  }

  /** The first note; after the lock it is a late entry, which needs a reason and is audited. */
  private async createNote(tx: TransactionClient, w: NoteWrite, clientId: string, lockedAt: Date) {
    const late = w.now >= lockedAt;
    if (late && !w.reason) {
      throw new NotesError(
        'NOTE_AMENDMENT_REASON_REQUIRED',
        'More than 24 hours have passed since the session: a late note needs a reason, and it is audited.',
      );
    }
    const id = randomUUID();
    const note = await insertNote(tx, {
      id,
      bookingId: w.bookingId,
      therapistId: w.therapistId,
      clientId,
      sealed: this.ctx.cipher.sealJson(w.soap, id),
      lockedAt,
      createdAt: w.now,
      updatedAt: w.now,
    });
    if (late) {
      await recordAudit(tx, {
        actorId: w.therapistId,
        actorRole: 'THERAPIST',
        action: 'care.note.late_entry',
        entityType: 'SessionNote',
        entityId: id,
        after: { version: 1, reason: w.reason },
      });
    }
    return note;
  }

  /** A change after the lock: the earlier text becomes a version, and the amendment is audited. */
  private async amend(tx: TransactionClient, w: NoteWrite, existing: SessionNote) {
    if (!w.reason) {
      throw new NotesError(
        'NOTE_AMENDMENT_REASON_REQUIRED',
        'This note locked 24 hours after the session. Give an amendment reason; the earlier text is kept as a version.',
        { lockedAt: existing.lockedAt.toISOString() },
      );
    }
    const versionId = randomUUID();
    await keepVersion(tx, {
      id: versionId,
      noteId: existing.id,
      version: existing.version,
      sealed: this.ctx.cipher.sealJson(this.open(existing), versionId),
      reason: w.reason,
      amendedBy: w.therapistId,
      amendedAt: w.now,
    });
    const note = await updateNote(tx, existing.id, {
      sealed: this.ctx.cipher.sealJson(w.soap, existing.id),
      version: existing.version + 1,
      updatedAt: w.now,
    });
    // The audit trail records who amended what and why; never the clinical text itself.
    await recordAudit(tx, {
      actorId: w.therapistId,
      actorRole: 'THERAPIST',
      action: 'care.note.amended',
      entityType: 'SessionNote',
      entityId: existing.id,
      before: { version: existing.version },
      after: { version: existing.version + 1, reason: w.reason },
    });
    return note;
  }

  /** The session's therapist, or an admin (graphql-kit's health-data audit records the read). */
  async get(viewer: Viewer, bookingGlobalId: string): Promise<SessionNote | null> {
    const bookingId = fromGlobalId('Booking', bookingGlobalId, 'bookingId');
    const booking = await careBooking(this.ctx.prisma, bookingId);
    const allowed =
      booking &&
      (viewer.role === 'ADMIN' || (viewer.role === 'THERAPIST' && booking.therapistId === viewer.userId));
    if (!allowed) throw notFound('This session');
    return noteOfBooking(this.ctx.prisma, bookingId);
  }

  isLocked(note: Pick<SessionNote, 'lockedAt'>): boolean {
    return this.ctx.now() >= note.lockedAt;
  }

  versions(noteId: string): Promise<SessionNoteVersion[]> {
    return versionsOf(this.ctx.prisma, noteId);
  }

  open(note: { id: string; sealed: string }): Soap {
    return this.ctx.cipher.openJson<Soap>(note.sealed, note.id);
  }
}
