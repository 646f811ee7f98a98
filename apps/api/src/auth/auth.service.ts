import {
  AccountEntity,
  AuthSessionEntity,
  type AuthSessionKind,
  findOrCreateAccount,
  MailOutbox,
  normaliseEmail,
  SignInRequestEntity,
  TransactionRunner,
} from '@app/persistence';
import { hashSecret, newSecret } from '@app/runtime';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { IsNull, MoreThan, type Repository } from 'typeorm';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import { RoomBroadcaster } from '../live-broadcast/room-broadcaster.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import type { Principal, RequestWithPrincipal } from './principal.js';
import { RateLimiter } from './rate-limiter.service.js';

export const BROWSER_SESSION_DAYS = 14;
export const API_TOKEN_DAYS = 365;
const SIGN_IN_PER_ADDRESS = { limit: 5, windowSeconds: 15 * 60 };
const SIGN_IN_PER_IP = { limit: 30, windowSeconds: 15 * 60 };
/** Touching `lastUsedAt` on every request would turn every read into a write. */
const LAST_USED_RESOLUTION_MS = 5 * 60_000;

/** A live session with the account fields a principal carries. */
interface SessionRow {
  id: string;
  accountId: string;
  csrfToken: string;
  lastUsedAt: Date | null;
  email: string | null;
  name: string;
  locale: string;
  timeZone: string;
  cityId: string | null;
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32);
}

export interface IssuedSession {
  session: AuthSessionEntity;
  secret: string;
}

@Injectable()
export class AuthService {
  private readonly postgres: boolean;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: MailOutbox,
    private readonly limiter: RateLimiter,
    private readonly live: RoomBroadcaster,
    @InjectRepository(AuthSessionEntity) private readonly sessions: Repository<AuthSessionEntity>,
    @InjectRepository(SignInRequestEntity)
    private readonly signIns: Repository<SignInRequestEntity>,
  ) {
    this.postgres = sessions.manager.connection.options.type === 'postgres';
  }

  /**
   * Queues a sign-in link for any well-formed address. Whether the address has an account never
   * shows in the answer: unknown addresses get a link too, and signing in creates the account.
   */
  async requestLink(input: { email: string; locale: string; ip: string; requestId: string }) {
    const email = normaliseEmail(input.email);
    const [byIp, byAddress] = await Promise.all([
      this.limiter.allow(
        `signin:ip:${input.ip}`,
        SIGN_IN_PER_IP.limit,
        SIGN_IN_PER_IP.windowSeconds,
      ),
      this.limiter.allow(
        `signin:addr:${digest(email)}`,
        SIGN_IN_PER_ADDRESS.limit,
        SIGN_IN_PER_ADDRESS.windowSeconds,
      ),
    ]);
    if (!byIp || !byAddress) {
      throw new DomainError(
        DomainErrorCode.RateLimited,
        'Too many sign-in requests; try again later',
      );
    }
    await this.transactions.run(async (manager) => {
      const request = await manager.getRepository(SignInRequestEntity).save({ email });
      const account = await manager.getRepository(AccountEntity).findOneBy({ email });
      await this.outbox.queue(manager, {
        to: {
          email,
          name: account?.name ?? '',
          locale: account?.locale ?? input.locale,
          timeZone: account?.timeZone ?? 'Europe/Brussels',
          accountId: account?.id ?? null,
        },
        template: 'sign-in-link',
        dataRef: { signInRequestId: request.id },
        correlationId: input.requestId,
      });
    });
  }

  /** Spends a sign-in token once and opens a session for its address. */
  async verify(
    token: string,
    kind: AuthSessionKind,
    locale: string,
  ): Promise<IssuedSession & { account: AccountEntity }> {
    const now = new Date();
    const request = await this.signIns.findOneBy({ tokenHash: hashSecret(token) });
    // Spent in the transaction queue (see revoke()): a link spent outside it was unspent again
    // when another request's transaction rolled back meanwhile.
    const spent = request
      ? await this.transactions.run((manager) =>
          manager
            .getRepository(SignInRequestEntity)
            .update(
              { id: request.id, usedAt: IsNull(), expiresAt: MoreThan(now) },
              { usedAt: now },
            ),
        )
      : undefined;
    if (!request || !spent?.affected) {
      throw new DomainError(
        DomainErrorCode.Unauthorized,
        'This sign-in link has expired or was used already; ask for a new one',
      );
    }
    const account = await this.findOrCreateAccount(request.email, locale);
    const issued = await this.issue(account.id, kind, kind === 'api' ? 'sign-in' : '');
    return { ...issued, account };
  }

  findOrCreateAccount(email: string, locale = 'en'): Promise<AccountEntity> {
    return this.transactions.run((manager) => findOrCreateAccount(manager, email, { locale }));
  }

  async issue(accountId: string, kind: AuthSessionKind, label: string): Promise<IssuedSession> {
    const secret = newSecret();
    const days = kind === 'api' ? API_TOKEN_DAYS : BROWSER_SESSION_DAYS;
    // In the queue of transactions, not by `this.sessions.save()`: save() opens a transaction of
    // its own, and on SQLite (one connection for every request) that one interleaved with another
    // request's. The session joined a transaction that then rolled back (a token that never
    // worked), or the two BEGINs and COMMITs crossed and the other request failed with a 500 (the
    // fuzz at twelve requests in flight).
    const session = await this.transactions.run((manager) => {
      const repo = manager.getRepository(AuthSessionEntity);
      return repo.save(
        repo.create({
          accountId,
          kind,
          label,
          secretHash: hashSecret(secret),
          csrfToken: newSecret(),
          expiresAt: new Date(Date.now() + days * 86_400_000),
        }),
      );
    });
    return { session, secret };
  }

  /** Who is calling: a bearer token wins over a cookie. Null for anonymous or dead secrets. */
  async resolve(request: Pick<RequestWithPrincipal, 'headers'>): Promise<Principal | null> {
    const authorization = request.headers.authorization;
    const bearer =
      typeof authorization === 'string' && authorization.startsWith('Bearer ')
        ? authorization.slice(7).trim()
        : undefined;
    const cookieHeader = request.headers.cookie;
    const cookie = readCookie(
      typeof cookieHeader === 'string' ? cookieHeader : undefined,
      SESSION_COOKIE,
    );
    const secret = bearer || cookie;
    if (!secret) return null;
    const now = new Date();
    const hash = hashSecret(secret);
    const row = this.postgres ? await this.findOnPostgres(hash, now) : await this.find(hash, now);
    if (!row) return null;
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      // One statement, in its turn: on SQLite a write outside the queue lands in whatever
      // transaction another request has open on the shared connection (and in its rollback).
      await this.transactions.alone((manager) =>
        manager.getRepository(AuthSessionEntity).update({ id: row.id }, { lastUsedAt: now }),
      );
    }
    return {
      accountId: row.accountId,
      account: {
        id: row.accountId,
        email: row.email,
        name: row.name,
        locale: row.locale,
        timeZone: row.timeZone,
        cityId: row.cityId,
      },
      sessionId: row.id,
      via: bearer ? 'bearer' : 'cookie',
      csrfToken: row.csrfToken,
    };
  }

  /** A live (not revoked, not expired) session with its account, through TypeORM (SQLite). */
  private async find(secretHash: string, now: Date): Promise<SessionRow | null> {
    const { entities, raw } = await this.sessions
      .createQueryBuilder('session')
      .setFindOptions({ where: { secretHash, revokedAt: IsNull(), expiresAt: MoreThan(now) } })
      .innerJoin(AccountEntity, 'account', 'account.id = session.accountId')
      .addSelect([
        'account.email',
        'account.name',
        'account.locale',
        'account.timeZone',
        'account.cityId',
      ])
      .getRawAndEntities<{
        account_email: string | null;
        account_name: string;
        account_locale: string;
        account_timeZone: string;
        account_cityId: string | null;
      }>();
    const session = entities[0];
    const account = raw[0];
    if (!session || !account) return null;
    return {
      id: session.id,
      accountId: session.accountId,
      csrfToken: session.csrfToken,
      lastUsedAt: session.lastUsedAt,
      email: account.account_email,
      name: account.account_name,
      locale: account.account_locale,
      timeZone: account.account_timeZone,
      cityId: account.account_cityId,
    };
  }

  /**
   * The same lookup written out for PostgreSQL: it runs on every signed-in request, and building
   * and hydrating the query with TypeORM cost more CPU than the query itself (profiled under
   * `npm run bench:registration`). pg returns timestamps as Dates.
   */
  private async findOnPostgres(secretHash: string, now: Date): Promise<SessionRow | null> {
    const rows = await this.sessions.manager.query<SessionRow[]>(
      'SELECT s."id", s."accountId", s."csrfToken", s."lastUsedAt", a."email", a."name", ' +
        'a."locale", a."timeZone", a."cityId" FROM "auth_sessions" s ' +
        'INNER JOIN "accounts" a ON a."id" = s."accountId" ' +
        'WHERE s."secretHash" = $1 AND s."revokedAt" IS NULL AND s."expiresAt" > $2',
      [secretHash, now],
    );
    return rows[0] ?? null;
  }

  async revoke(accountId: string, sessionId: string): Promise<boolean> {
    // In the transaction queue: on SQLite a write outside it runs inside whichever transaction of
    // another request is open on the shared connection, and that one's rollback revived the token.
    const result = await this.transactions.run((manager) =>
      manager
        .getRepository(AuthSessionEntity)
        .update({ id: sessionId, accountId, revokedAt: IsNull() }, { revokedAt: new Date() }),
    );
    const revoked = (result.affected ?? 0) > 0;
    // A live connection opened with it must not outlive it.
    if (revoked) this.live.credentialRevoked(sessionId);
    return revoked;
  }

  listApiTokens(accountId: string): Promise<AuthSessionEntity[]> {
    return this.sessions.find({
      where: { accountId, kind: 'api', revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'DESC' },
    });
  }
}
