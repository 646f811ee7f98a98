import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { CityEntity } from './city.entity.js';
import type { SessionEntity } from './session.entity.js';

/**
 * A city's confirmed seats in one session: the counter its delegation quota is enforced on, with
 * the same kind of conditional update as the session's own seats.
 */
@Entity('session_city_seats')
@Check('CHK_session_city_seats_confirmed', '"confirmed" >= 0')
export class SessionCitySeatEntity {
  @PrimaryColumn({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne('SessionEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sessionId' })
  session?: SessionEntity;

  @PrimaryColumn({ type: 'uuid' })
  cityId!: string;

  @ManyToOne('CityEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cityId' })
  city?: CityEntity;

  @Column({ type: 'integer', default: 0 })
  confirmed!: number;
}
