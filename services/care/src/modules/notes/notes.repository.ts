import type { Prisma, PrismaClient, SessionNote, SessionNoteVersion, TransactionClient } from '@mm/db';

type Db = PrismaClient | TransactionClient;

/** Session notes (sealed SOAP) and their amended versions. */
export function noteOfBooking(db: Db, bookingId: string): Promise<SessionNote | null> {
  return db.sessionNote.findUnique({ where: { bookingId } });
}

export function insertNote(
  tx: TransactionClient,
  data: Prisma.SessionNoteUncheckedCreateInput,
): Promise<SessionNote> {
  return tx.sessionNote.create({ data });
}

export function updateNote(
  tx: TransactionClient,
  id: string,
  data: { sealed: string; updatedAt: Date; version?: number },
): Promise<SessionNote> {
  return tx.sessionNote.update({ where: { id }, data });
}

export async function keepVersion(
  tx: TransactionClient,
  data: Prisma.SessionNoteVersionUncheckedCreateInput,
): Promise<void> {
  await tx.sessionNoteVersion.create({ data });
}

export function versionsOf(db: Db, noteId: string): Promise<SessionNoteVersion[]> {
  return db.sessionNoteVersion.findMany({ where: { noteId }, orderBy: { version: 'asc' } });
}
