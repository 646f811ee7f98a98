import type { ReleasedSession, SessionDetail, SessionView } from '@app/contracts';
import { EventEntity, EventRoleEntity, RegistrationEntity, SessionEntity } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DomainError } from '../common/domain.error.js';
import type { ListSessionsQueryDto } from './dto/list-sessions.query.js';
import { PublishedScheduleService } from './published-schedule.service.js';

interface Seats {
  capacity: number | null;
  seatsLeft: number | null;
}

function toView(session: ReleasedSession, seats: Seats): SessionView {
  return {
    id: session.id,
    eventSlug: session.eventSlug,
    dayId: session.dayId,
    trackId: session.trackId,
    streamId: session.streamId,
    title: session.title,
    abstract: session.abstract,
    format: session.format,
    audience: session.audience,
    language: session.language,
    status: session.status,
    ...seats,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    timeZone: session.timeZone,
    isDemo: session.isDemo,
    people: session.people.map(({ id, name, title, organisation, role }) => ({
      id,
      name,
      title,
      organisation,
      role,
    })),
  };
}

function toDetail(session: ReleasedSession, seats: Seats): SessionDetail {
  const { sequence: _sequence, ...detail } = session;
  return { ...detail, ...seats };
}

const UNKNOWN_SEATS: Seats = { capacity: null, seatsLeft: null };

/** The public agenda: sessions as the latest schedule release froze them. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(EventRoleEntity) private readonly roles: Repository<EventRoleEntity>,
    @InjectRepository(RegistrationEntity)
    private readonly registrations: Repository<RegistrationEntity>,
    private readonly published: PublishedScheduleService,
  ) {}

  async listForEvent(slug: string, filter: ListSessionsQueryDto): Promise<SessionView[]> {
    const event = await this.events.findOneBy({ slug });
    if (!event) throw DomainError.notFound(`Event "${slug}"`);
    const schedule = await this.published.latest(event.id);
    if (!schedule) return [];
    const seats = await this.seats({ eventId: event.id });
    return schedule.sessions
      .filter(
        (s) =>
          (!filter.day || s.day?.date === filter.day) &&
          (!filter.track || s.track?.slug === filter.track) &&
          (!filter.audience || s.audience === filter.audience) &&
          (!filter.language || s.language === filter.language),
      )
      .map((s) => toView(s, seats.get(s.id) ?? UNKNOWN_SEATS));
  }

  /** A released session and its event's id; null for a session only in the draft, or none. */
  async findReleased(id: string): Promise<{ session: ReleasedSession; eventId: string } | null> {
    const row = await this.sessions.findOne({ select: { id: true, eventId: true }, where: { id } });
    const session = row ? (await this.published.latest(row.eventId))?.byId.get(id) : undefined;
    return row && session ? { session, eventId: row.eventId } : null;
  }

  /** A released session; one only in the draft does not exist for the public. */
  async released(id: string): Promise<ReleasedSession> {
    const found = await this.findReleased(id);
    if (!found) throw DomainError.notFound('Session');
    return found.session;
  }

  async detail(id: string, viewer: string | null = null): Promise<SessionDetail> {
    const found = await this.findReleased(id);
    if (!found) throw DomainError.notFound('Session');
    const { session, eventId } = found;
    const [seats, showLink] = await Promise.all([
      this.seats({ id }),
      this.seesJoinLink(session, eventId, viewer),
    ]);
    const detail = toDetail(session, seats.get(id) ?? UNKNOWN_SEATS);
    if (showLink || !detail.stream) return detail;
    return { ...detail, stream: { ...detail.stream, virtualUrl: null } };
  }

  /**
   * The room link of a city, mayors' or invite-only session goes to the people in it (confirmed
   * registrants; the event's organisers, moderators, speakers and rapporteurs) and nobody else:
   * a link that is public is a link anyone can join. The live room of such a session admits the
   * same people.
   */
  async seesJoinLink(
    session: Pick<ReleasedSession, 'id' | 'audience'>,
    eventId: string,
    viewer: string | null,
  ): Promise<boolean> {
    if (session.audience === 'public') return true;
    if (!viewer) return false;
    const [role, registered] = await Promise.all([
      this.roles
        .createQueryBuilder('r')
        .where('r.accountId = :viewer', { viewer })
        .andWhere(
          "((r.eventId IS NULL AND r.role = 'organiser') OR (r.eventId = :eventId AND r.role IN (:...roles)))",
          { eventId, roles: ['organiser', 'moderator', 'speaker', 'rapporteur'] },
        )
        .getExists(),
      this.registrations.existsBy({
        sessionId: session.id,
        accountId: viewer,
        status: 'confirmed',
      }),
    ]);
    return role || registered;
  }

  /** Seats are live, not frozen in a release: capacity changes and registrations count now. */
  private async seats(where: { eventId: string } | { id: string }): Promise<Map<string, Seats>> {
    const rows = await this.sessions.find({
      select: { id: true, capacity: true, confirmedCount: true },
      where,
    });
    return new Map(
      rows.map((r) => [
        r.id,
        {
          capacity: r.capacity,
          seatsLeft: r.capacity === null ? null : Math.max(0, r.capacity - r.confirmedCount),
        },
      ]),
    );
  }
}
