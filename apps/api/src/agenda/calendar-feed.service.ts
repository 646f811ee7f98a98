import { feedIcs } from '@app/calendar';
import { APP_CONFIG, type AppConfig } from '@app/config';
import type { CalendarFeedView, ReleasedSession } from '@app/contracts';
import {
  CalendarFeedEntity,
  RegistrationEntity,
  SessionEntity,
  TransactionRunner,
} from '@app/persistence';
import { hashSecret, newSecret, openSealed, sealSecret } from '@app/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { RateLimiter } from '../auth/rate-limiter.service.js';
import {
  type CalendarFile,
  CalendarFileCache,
  releasedCalendarEvent,
} from '../calendars/calendar-file.js';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import {
  type PublishedSchedule,
  PublishedScheduleService,
} from '../sessions/published-schedule.service.js';
import { FEED_KEY } from './feed-key.js';

/** What `newSecret` makes: 32 bytes in base64url. Anything else is not looked up at all. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Per machine. Calendar services fetch for many subscribers from few addresses (and each feed
 * only every few hours), so the limit is loose: it only stops a machine hammering the database.
 */
const FEED_REQUESTS_PER_IP = { limit: 300, windowSeconds: 300 };

/**
 * A session the organisers cancelled stays in the feed as STATUS:CANCELLED until a week after its
 * planned end: a subscribed calendar drops or strikes it through and the person sees why. Then it
 * goes, as sessions the person cancelled go at once (they know, and got the CANCEL mail).
 */
const CANCELLED_KEPT_MS = 7 * 86_400_000;

const REFRESH_MINUTES = 60;

/**
 * Rendered files per process. A file depends only on which sessions of which releases it shows,
 * never on whose feed it is (it carries no name or address), so people with the same sessions
 * share one entry.
 */
const CACHED_FILES = 200;

const FILENAME = 'icc-hub-my-sessions.ics';

interface FeedSession {
  session: ReleasedSession;
  schedule: PublishedSchedule;
}

/**
 * Each account's private calendar feed: one address per account, exactly the sessions the
 * person holds a confirmed seat in, as released. Whoever has the address can read the feed, so
 * it is a 256-bit secret, found by its SHA-256 and shown again to its owner from the sealed copy.
 */
@Injectable()
export class CalendarFeedService {
  private readonly files = new CalendarFileCache(CACHED_FILES);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FEED_KEY) private readonly key: Buffer,
    private readonly transactions: TransactionRunner,
    private readonly limiter: RateLimiter,
    private readonly published: PublishedScheduleService,
    @InjectRepository(CalendarFeedEntity)
    private readonly feeds: Repository<CalendarFeedEntity>,
    @InjectRepository(RegistrationEntity)
    private readonly registrations: Repository<RegistrationEntity>,
  ) {}

  /** The caller's feed address, made on the first call. */
  async mine(accountId: string): Promise<CalendarFeedView> {
    const existing = await this.feeds.findOneBy({ accountId });
    if (existing) return this.view(existing);
    const values = this.newRow(accountId);
    // Two first calls at once: one row wins and both answer with it.
    await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .insert()
        .into(CalendarFeedEntity)
        .values(values)
        .orIgnore()
        .execute(),
    );
    return this.view(await this.feeds.findOneByOrFail({ accountId }));
  }

  /** A new address; the old one answers 404 from now on. */
  async reset(accountId: string): Promise<CalendarFeedView> {
    const values = this.newRow(accountId);
    await this.transactions.run(async (manager) => {
      const repo = manager.getRepository(CalendarFeedEntity);
      const { affected } = await repo.update({ accountId }, values);
      if (!affected) {
        await repo.createQueryBuilder().insert().values(values).orIgnore().execute();
      }
    });
    return this.view(await this.feeds.findOneByOrFail({ accountId }));
  }

  /** The feed behind a token, for anyone who has the token. */
  async file(token: string, ip: string): Promise<CalendarFile> {
    const { limit, windowSeconds } = FEED_REQUESTS_PER_IP;
    if (!(await this.limiter.allow(`feed:ip:${ip}`, limit, windowSeconds))) {
      throw new DomainError(
        DomainErrorCode.RateLimited,
        'Too many calendar requests from this address; try again in a few minutes',
      );
    }
    const feed = TOKEN.test(token)
      ? await this.feeds.findOneBy({ tokenHash: hashSecret(token) })
      : null;
    if (!feed) throw DomainError.notFound('Calendar feed (a reset replaces its address)');
    const sessions = await this.confirmedSessions(feed.accountId, new Date());
    const key = JSON.stringify(sessions.map((s) => [s.session.id, s.schedule.releaseId]));
    return this.files.get(key, () => ({
      filename: FILENAME,
      body: feedIcs({
        name: 'ICC Hub: my sessions',
        description:
          'The ICC Hub sessions you have a seat in. Private: anyone with the address of this ' +
          'calendar can read it; reset the address on your agenda page if it got out.',
        refreshInterval: { minutes: REFRESH_MINUTES },
        events: sessions.map(({ session, schedule }) =>
          // A private feed of my confirmed seats: the room links are mine to have.
          releasedCalendarEvent(session, schedule.publishedAt, this.config.publicBaseUrl, true),
        ),
      }),
    }));
  }

  /** Confirmed seats, as the latest release of each event shows the session, in time order. */
  private async confirmedSessions(accountId: string, now: Date): Promise<FeedSession[]> {
    const rows = await this.registrations
      .createQueryBuilder('r')
      .innerJoin(SessionEntity, 's', 's.id = r.sessionId')
      .select('r.sessionId', 'sessionId')
      .addSelect('s.eventId', 'eventId')
      .where("r.accountId = :accountId AND r.status = 'confirmed'", { accountId })
      .getRawMany<{ sessionId: string; eventId: string }>();
    const schedules = new Map<string, PublishedSchedule | null>();
    const found: FeedSession[] = [];
    for (const { sessionId, eventId } of rows) {
      if (!schedules.has(eventId)) schedules.set(eventId, await this.published.latest(eventId));
      const schedule = schedules.get(eventId);
      const session = schedule?.byId.get(sessionId);
      if (!schedule || !session) continue;
      const gone = Date.parse(session.endsAt) + CANCELLED_KEPT_MS < now.getTime();
      if (session.status === 'cancelled' && gone) continue;
      found.push({ session, schedule });
    }
    return found.sort(
      (a, b) =>
        a.session.startsAt.localeCompare(b.session.startsAt) ||
        a.session.id.localeCompare(b.session.id),
    );
  }

  private newRow(accountId: string): Omit<CalendarFeedEntity, 'id'> {
    const token = newSecret();
    return {
      accountId,
      tokenHash: hashSecret(token),
      sealedToken: sealSecret(this.key, token, accountId),
      createdAt: new Date(),
    };
  }

  private view(feed: CalendarFeedEntity): CalendarFeedView {
    const token = openSealed(this.key, feed.sealedToken, feed.accountId);
    if (token === null) {
      // The address still works for calendars that have it; only the key to show it is gone.
      throw new DomainError(
        DomainErrorCode.Conflict,
        'The address of your calendar feed cannot be shown any more (the server key changed); ' +
          'reset it to get a new one',
      );
    }
    const url = `${this.config.publicBaseUrl}/api/calendar/feeds/${token}.ics`;
    return {
      url,
      webcalUrl: url.replace(/^https?:/, 'webcal:'),
      createdAt: feed.createdAt.toISOString(),
    };
  }
}
