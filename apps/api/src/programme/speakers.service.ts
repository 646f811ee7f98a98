import type { AvailabilityWindow, SpeakerAdminView } from '@app/contracts';
import { CityEntity, normaliseEmail, SpeakerEntity, TransactionRunner } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { DomainError } from '../common/domain.error.js';
import type { CreateSpeakerDto, UpdateSpeakerDto } from './dto/speaker.dto.js';
import { audit, givenFields, invalid } from './programme-writes.js';

function toAdminView(speaker: SpeakerEntity): SpeakerAdminView {
  return {
    id: speaker.id,
    name: speaker.name,
    title: speaker.title,
    organisation: speaker.organisation,
    bio: speaker.bio,
    cityId: speaker.cityId,
    email: speaker.email,
    availability: speaker.availability ?? [],
  };
}

/** Windows in UTC and in time order; none given is stored as no constraint. */
function availability(windows: AvailabilityWindow[]): AvailabilityWindow[] | null {
  const parsed = windows.map((w) => ({ start: new Date(w.startsAt), end: new Date(w.endsAt) }));
  const wrong = parsed.flatMap(({ start, end }, i) =>
    end > start ? [] : [`availability[${i}]: endsAt must be after startsAt`],
  );
  if (wrong.length) throw invalid('An availability window ends before it starts', wrong);
  if (!parsed.length) return null;
  return parsed
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .map(({ start, end }) => ({ startsAt: start.toISOString(), endsAt: end.toISOString() }));
}

/**
 * People on the programme, shared by all events (a mayor's diary is theirs, whatever the event),
 * so organisers of any event manage them. Email and availability stay with organisers.
 */
@Injectable()
export class SpeakersService {
  constructor(
    private readonly transactions: TransactionRunner,
    @InjectRepository(SpeakerEntity) private readonly speakers: Repository<SpeakerEntity>,
  ) {}

  async list(): Promise<SpeakerAdminView[]> {
    const speakers = await this.speakers.find({ order: { name: 'ASC', id: 'ASC' } });
    return speakers.map(toAdminView);
  }

  create(actorId: string, dto: CreateSpeakerDto): Promise<SpeakerAdminView> {
    return this.transactions.run(async (manager) => {
      const changes = await this.changes(manager, dto);
      const repo = manager.getRepository(SpeakerEntity);
      const speaker = await repo.save(repo.create(changes));
      await this.log(manager, actorId, 'speaker.created', speaker.id, Object.keys(changes));
      return toAdminView(speaker);
    });
  }

  update(actorId: string, speakerId: string, dto: UpdateSpeakerDto): Promise<SpeakerAdminView> {
    return this.transactions.run(async (manager) => {
      const repo = manager.getRepository(SpeakerEntity);
      const speaker = await repo.findOneBy({ id: speakerId });
      if (!speaker) throw DomainError.notFound('Speaker');
      const changes = await this.changes(manager, dto);
      const fields = Object.keys(changes);
      if (fields.length) {
        await repo.save(Object.assign(speaker, changes));
        await this.log(manager, actorId, 'speaker.updated', speaker.id, fields);
      }
      return toAdminView(speaker);
    });
  }

  private async changes(
    manager: EntityManager,
    dto: CreateSpeakerDto | UpdateSpeakerDto,
  ): Promise<Partial<SpeakerEntity>> {
    const { availability: windows, email, ...fields } = givenFields(dto);
    if (
      fields.cityId &&
      !(await manager.getRepository(CityEntity).existsBy({ id: fields.cityId }))
    ) {
      throw invalid('Unknown city', [`cityId: no city ${fields.cityId} in the programme`]);
    }
    return {
      ...fields,
      ...(email === undefined ? {} : { email: email && normaliseEmail(email) }),
      ...(windows === undefined ? {} : { availability: availability(windows) }),
    };
  }

  /** Speakers belong to no event; the log names the fields, never their values. */
  private log(
    manager: EntityManager,
    actorId: string,
    action: string,
    speakerId: string,
    fields: string[],
  ): Promise<void> {
    return audit(manager, {
      actorId,
      action,
      eventId: null,
      details: { speakerId, fields: fields.join(',') },
    });
  }
}
