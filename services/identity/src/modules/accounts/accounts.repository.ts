import type { PrismaClient, RefreshToken, Role, TransactionClient, User } from '@mm/db';

type Db = PrismaClient | TransactionClient;

/** Account and session persistence; the service owns the rules. */
export class AccountsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  findUserByEmail(email: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { email } });
  }

  findUserById(id: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { id } });
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
}
