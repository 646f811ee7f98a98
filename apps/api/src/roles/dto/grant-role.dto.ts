import { EVENT_ROLES, type EventRole } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, MaxLength } from 'class-validator';

export class GrantRoleDto {
  @ApiProperty({ example: 'moderator@city.example' })
  @IsEmail({ require_tld: true })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: EVENT_ROLES })
  @IsIn(EVENT_ROLES)
  role!: EventRole;
}
