import type { PrismaClient, RefreshToken, Role, TransactionClient, User } from '@mm/db';

type Db = PrismaClient | TransactionClient;

/** Account and session persistence; the service owns the rules. */
export class AccountsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  findUserByEmail(email: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { email } });
  }

  findUserById(id: string, db: Db = this.prisma): Promise<User | null> {
    return db.user.findUnique({ where: { id } });
  }

  findUsersByIds(ids: readonly string[]): Promise<User[]> {
    return this.prisma.user.findMany({ where: { id: { in: [...ids] } } });
  }

  findRefreshToken(tokenHash: string): Promise<RefreshToken | null> {
    return this.prisma.refreshToken.findUnique({ where: { tokenHash } });
  }

  createUser(
    tx: TransactionClient,
    data: { email: string; passwordHash: string; role: Role; fullName: string; timezone: string },
  ): Promise<User> {
    return tx.user.create({
      data: {
        email: data.email,
        passwordHash: data.passwordHash,
        role: data.role,
        profile: { create: { fullName: data.fullName, timezone: data.timezone } },
      },
    });
  }

  createRefreshToken(
    db: Db,
    data: { userId: string; familyId: string; tokenHash: string; expiresAt: Date; userAgent: string | null },
  ): Promise<RefreshToken> {
    return db.refreshToken.create({ data });
  }

  /** Locks the row so two refreshes of one token serialise: the second sees it rotated. */
  async lockRefreshToken(tx: TransactionClient, tokenHash: string): Promise<RefreshToken | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM identity.refresh_tokens WHERE token_hash = ${tokenHash} FOR UPDATE`;
    const id = rows[0]?.id;
    return id ? tx.refreshToken.findUnique({ where: { id } }) : null;
  }

  markRotated(tx: TransactionClient, id: string, at: Date): Promise<RefreshToken> {
    return tx.refreshToken.update({ where: { id }, data: { rotatedAt: at } });
  }

  async revokeFamily(db: Db, familyId: string, at: Date): Promise<number> {
    const { count } = await db.refreshToken.updateMany({
      where: { familyId, revokedAt: null },
      data: { revokedAt: at },
    });
    return count;
  }

  async revokeAllForUser(db: Db, userId: string, at: Date): Promise<number> {
    const { count } = await db.refreshToken.updateMany({
      where: { userId, revokedAt: null },
      data: { revokedAt: at },
    });
    return count;
  }

  /**
   * Counts a sign-in attempt before the password is checked, so a burst of
   * parallel guesses cannot all be checked before the lock lands. Null while
   * the account is locked.
   */
  async claimSignInAttempt(userId: string, now: Date): Promise<{ attempts: number; locks: number } | null> {
    const rows = await this.prisma.$queryRaw<{ attempts: number; locks: number }[]>`
      UPDATE identity.users SET sign_in_attempts = sign_in_attempts + 1
      WHERE id = ${userId}::uuid AND (locked_until IS NULL OR locked_until <= ${now})
      RETURNING sign_in_attempts AS attempts, sign_in_locks AS locks`;
    return rows[0] ?? null;
  }

  async clearSignInFailures(userId: string): Promise<void> {
    await this.prisma.user.update({
      where: { id: userId },
      data: { signInAttempts: 0, signInLocks: 0, lockedUntil: null },
    });
  }

  lockSignIn(tx: TransactionClient, userId: string, until: Date): Promise<User> {
    return tx.user.update({
      where: { id: userId },
      data: { signInAttempts: 0, signInLocks: { increment: 1 }, lockedUntil: until },
    });
  }

  /** Sign-ins whose access tokens may still be alive: a refresh token issued since `since`. */
  async recentFamilies(
    db: Db,
    where: { userId?: string; revokedSince?: Date },
    since: Date,
  ): Promise<string[]> {
    const rows = await db.refreshToken.findMany({
      where: {
        ...(where.userId ? { userId: where.userId } : {}),
        ...(where.revokedSince ? { revokedAt: { gte: where.revokedSince } } : {}),
        createdAt: { gte: since },
      },
      select: { familyId: true },
      distinct: ['familyId'],
    });
    return rows.map((r) => r.familyId);
  }

  updatePassword(tx: TransactionClient, userId: string, passwordHash: string): Promise<User> {
    return tx.user.update({ where: { id: userId }, data: { passwordHash } });
  }
}
