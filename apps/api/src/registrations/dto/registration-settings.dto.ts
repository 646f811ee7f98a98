import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';

const MAX_SEATS = 100_000;

/** An instant with its offset: a bare local time would be read in the server's zone. */
const INSTANT = /T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const INSTANT_MESSAGE = '$property must be an ISO-8601 date-time with Z or an offset';

export class UpdateSessionCapacityDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: MAX_SEATS,
    description:
      'Seats; null for no limit. Lower than the seats already confirmed is refused with 409 ' +
      '(confirmed people keep their seats); a raise promotes from the waiting list at once.',
  })
  @ValidateIf((_dto: object, value: unknown) => value !== null)
  @IsInt()
  @Min(0)
  @Max(MAX_SEATS)
  capacity!: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: MAX_SEATS,
    description: "Seats per city in this city session; null uses the event's quota",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_SEATS)
  delegationQuota?: number | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Null: open from publication',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  registrationOpensAt?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Null: open until the session ends',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  registrationClosesAt?: string | null;
}

export class UpdateRegistrationSettingsDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: MAX_SEATS,
    description: 'Seats per city in each city session that sets no quota of its own; null: none',
  })
  @ValidateIf((_dto: object, value: unknown) => value !== null)
  @IsInt()
  @Min(0)
  @Max(MAX_SEATS)
  delegationQuota!: number | null;
}
