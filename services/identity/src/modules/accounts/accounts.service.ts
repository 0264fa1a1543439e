import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Config } from '@mm/config';
import { isUniqueViolation, type PrismaClient, type Role, type User } from '@mm/db';
import { signAccessToken, type Viewer } from '@mm/graphql-kit';
import { emitEvent, queueNotification } from '@mm/queue';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { AccountsError, AccountsErrorCode } from './accounts.errors.ts';
import type { AccountsRepository } from './accounts.repository.ts';

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be a valid email address' }));
export const password = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters');
export const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA timezone such as America/New_York');

const signUpInput = z.object({
  email,
  password,
  role: z.enum(['CLIENT', 'THERAPIST']),
  fullName: z.string().trim().min(1, 'is required').max(120),
  timezone: timezone.nullish(),
});

export interface Session {
  user: User;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export class AccountsService {
  // Verifying against a real hash when the email is unknown keeps sign-in
  // timing from revealing which emails have accounts.
  private readonly decoyHash = hash('decoy-password-for-timing', ARGON2);

  constructor(
    private readonly prisma: PrismaClient,
    private readonly repo: AccountsRepository,
    private readonly config: Pick<
      Config,
      | 'JWT_SECRET'
      | 'ACCESS_TOKEN_TTL_SECONDS'
      | 'REFRESH_TOKEN_TTL_DAYS'
      | 'SIGN_IN_LOCK_THRESHOLD'
      | 'SIGN_IN_LOCK_BASE_SECONDS'
      | 'SIGN_IN_LOCK_MAX_SECONDS'
    >,
    private readonly now: () => Date = () => new Date(),
    /** Tells every gateway that these sign-ins' access tokens no longer count (see RevocationList). */
    private readonly revokeAccess: (sessionIds: string[]) => Promise<void> = async () => {},
  ) {}

  async signUp(raw: unknown, userAgent: string | null): Promise<Session> {
    const input = signUpInput.parse(raw);
    return this.register({ ...input, timezone: input.timezone ?? 'America/New_York' }, userAgent);
  }

  /** Also used by the operator command that creates admins. */
  async register(
    input: { email: string; password: string; role: Role; fullName: string; timezone: string },
    userAgent: string | null,
  ): Promise<Session> {
    const passwordHash = await hash(input.password, ARGON2);
    try {
      return await this.prisma.$transaction(async (tx) => {
        const user = await this.repo.createUser(tx, { ...input, passwordHash });
        await emitEvent(tx, {
          type: 'user.registered',
          aggregateType: 'User',
          aggregateId: user.id,
          payload: { userId: user.id, role: user.role, email: user.email },
        });
        return this.issueSession(tx, user, randomUUID(), userAgent);
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new AccountsError(
          AccountsErrorCode.EMAIL_TAKEN,
          'An account with this email already exists; sign in instead.',
        );
      }
      throw err;
    }
  }

  /**
   * OWASP-style sign-in: every attempt on an account is counted before the
   * password is checked; after SIGN_IN_LOCK_THRESHOLD failures in a row the
   * account locks for a while (each further lock twice as long, capped) and
   * its owner is emailed. Unknown email, wrong password, locked or disabled
   * account: one answer, and the same password hashing work, so nothing
   * tells an attacker which emails have accounts.
   */
  async signIn(raw: { email: string; password: string }, userAgent: string | null): Promise<Session> {
    const parsed = email.safeParse(raw.email);
    const user = parsed.success ? await this.repo.findUserByEmail(parsed.data) : null;
    const now = this.now();
    const claim = user ? await this.repo.claimSignInAttempt(user.id, now) : null;
    const checkable = user && claim && claim.attempts <= this.config.SIGN_IN_LOCK_THRESHOLD;
    const valid = await verify(checkable ? user.passwordHash : await this.decoyHash, raw.password);
    if (user && checkable && valid && !user.disabledAt) {
      await this.repo.clearSignInFailures(user.id);
      return this.issueSession(this.prisma, user, randomUUID(), userAgent);
    }
    if (user && claim && claim.attempts === this.config.SIGN_IN_LOCK_THRESHOLD) {
      await this.lock(user, claim.locks, now);
    }
    throw new AccountsError(AccountsErrorCode.INVALID_CREDENTIALS, 'The email or password is wrong.');
  }

  private async lock(user: User, previousLocks: number, now: Date): Promise<void> {
    const { SIGN_IN_LOCK_BASE_SECONDS: base, SIGN_IN_LOCK_MAX_SECONDS: max } = this.config;
    const seconds = Math.min(max, base * 2 ** Math.min(previousLocks, 30));
    const until = new Date(now.getTime() + seconds * 1000);
    await this.prisma.$transaction(async (tx) => {
      await this.repo.lockSignIn(tx, user.id, until);
      await queueNotification(tx, {
        userId: user.id,
        template: 'sign-in-locked',
        payload: { failedAttempts: this.config.SIGN_IN_LOCK_THRESHOLD, lockedUntil: until.toISOString() },
        dedupeKey: `sign-in-locked-${user.id}-${until.getTime()}`,
      });
    });
  }

  /** Changes the password after checking the current one; every other sign-in of the account ends at once. */
  async changePassword(
    viewer: Viewer,
    raw: { currentPassword: string; newPassword: string },
    userAgent: string | null,
  ): Promise<Session> {
    const newPassword = z
      .object({ newPassword: password })
      .parse({ newPassword: raw.newPassword }).newPassword;
    const user = await this.me(viewer);
    const now = this.now();
    const claim = await this.repo.claimSignInAttempt(user.id, now);
    const checkable = claim && claim.attempts <= this.config.SIGN_IN_LOCK_THRESHOLD;
    const valid = await verify(checkable ? user.passwordHash : await this.decoyHash, raw.currentPassword);
    if (!checkable || !valid) {
      if (claim?.attempts === this.config.SIGN_IN_LOCK_THRESHOLD) await this.lock(user, claim.locks, now);
      throw new AccountsError(AccountsErrorCode.INVALID_CREDENTIALS, 'The current password is wrong.');
    }
    if (raw.currentPassword === newPassword)
      throw new AccountsError(
        AccountsErrorCode.PASSWORD_REUSED,
        'Choose a password different from the current one.',
      );
    await this.repo.clearSignInFailures(user.id);
    const passwordHash = await hash(newPassword, ARGON2);
    const { session, ended } = await this.prisma.$transaction(async (tx) => {
      const ended = await this.liveFamilies(tx, user.id, now);
      await this.repo.updatePassword(tx, user.id, passwordHash);
      await this.repo.revokeAllForUser(tx, user.id, now);
      return { ended, session: await this.issueSession(tx, user, randomUUID(), userAgent) };
    });
    await this.revokeAccess(ended);
    return session;
  }

  private liveFamilies(db: Parameters<AccountsRepository['recentFamilies']>[0], userId: string, now: Date) {
    const since = new Date(now.getTime() - this.config.ACCESS_TOKEN_TTL_SECONDS * 1000);
    return this.repo.recentFamilies(db, { userId }, since);
  }

  /**
   * Sign-ins revoked in the last access-token lifetime, re-sent to the
   * revocation list: Postgres is the truth, so a Redis that lost its data
   * or a publish that failed is repaired by the next sweep.
   */
  async republishRecentRevocations(): Promise<number> {
    const since = new Date(this.now().getTime() - this.config.ACCESS_TOKEN_TTL_SECONDS * 1000);
    const families = await this.repo.recentFamilies(this.prisma, { revokedSince: since }, since);
    await this.revokeAccess(families);
    return families.length;
  }

  /**
   * Rotates a refresh token. A token that was already rotated is proof that
   * someone else holds a copy, so the whole family (every descendant of that
   * sign-in) is revoked and the caller must sign in again.
   */
  async refresh(refreshToken: string, userAgent: string | null): Promise<Session> {
    const now = this.now();
    const outcome = await this.prisma.$transaction(async (tx) => {
      const token = await this.repo.lockRefreshToken(tx, hashToken(refreshToken));
      if (!token || token.revokedAt || token.expiresAt <= now)
        return { error: AccountsErrorCode.REFRESH_TOKEN_INVALID };
      if (token.rotatedAt) {
        await this.repo.revokeFamily(tx, token.familyId, now);
        return { error: AccountsErrorCode.REFRESH_TOKEN_REUSED, familyId: token.familyId };
      }
      const user = (await this.repo.findUserById(token.userId, tx)) as User; // the token's FK keeps it
      if (user.disabledAt) return { error: AccountsErrorCode.REFRESH_TOKEN_INVALID };
      await this.repo.markRotated(tx, token.id, now);
      return { session: await this.issueSession(tx, user, token.familyId, userAgent) };
    });
    // Thrown outside the transaction so the family revocation commits.
    if (outcome.error) {
      if (outcome.familyId) await this.revokeAccess([outcome.familyId]);
      throw new AccountsError(
        outcome.error,
        outcome.error === AccountsErrorCode.REFRESH_TOKEN_REUSED
          ? 'This refresh token was already used. For your safety every session of that sign-in has been ended; sign in again.'
          : 'This session has ended; sign in again.',
      );
    }
    return outcome.session;
  }

  async signOut(refreshToken: string, everywhere: boolean): Promise<boolean> {
    const token = await this.repo.findRefreshToken(hashToken(refreshToken));
    if (!token) return false;
    const now = this.now();
    const ended = everywhere ? await this.liveFamilies(this.prisma, token.userId, now) : [token.familyId];
    if (everywhere) await this.repo.revokeAllForUser(this.prisma, token.userId, now);
    else await this.repo.revokeFamily(this.prisma, token.familyId, now);
    await this.revokeAccess(ended);
    return true;
  }

  async me(viewer: Viewer): Promise<User> {
    const user = await this.repo.findUserById(viewer.userId);
    if (!user || user.disabledAt)
      throw new AccountsError(AccountsErrorCode.REFRESH_TOKEN_INVALID, 'This account is no longer active.');
    return user;
  }

  private async issueSession(
    db: Parameters<AccountsRepository['createRefreshToken']>[0],
    user: User,
    familyId: string,
    userAgent: string | null,
  ): Promise<Session> {
    const now = this.now();
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshTokenExpiresAt = new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    await this.repo.createRefreshToken(db, {
      userId: user.id,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt: refreshTokenExpiresAt,
      userAgent,
    });
    const ttl = this.config.ACCESS_TOKEN_TTL_SECONDS;
    return {
      user,
      accessToken: signAccessToken(
        { userId: user.id, role: user.role, sessionId: familyId },
        this.config.JWT_SECRET,
        ttl,
      ),
      accessTokenExpiresAt: new Date(now.getTime() + ttl * 1000),
      refreshToken,
      refreshTokenExpiresAt,
    };
  }
}
