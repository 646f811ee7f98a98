import { CITY_ROLES, type CityRole } from '@app/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../column-types.js';

@Entity('cities')
@Index(['name', 'country'], { unique: true })
export class CityEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'varchar', length: 2 })
  country!: string;

  @Column({ type: 'simple-enum', enum: CITY_ROLES })
  role!: CityRole;

  @CreateDateColumn(timestampColumn)
  createdAt!: Date;
}
