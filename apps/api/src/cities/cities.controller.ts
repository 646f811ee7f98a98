import type { CityView } from '@app/contracts';
import { CityEntity } from '@app/persistence';
import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Public } from '../auth/access.js';

/** The ICC cities (core and mentor), for profile forms and delegation lists. */
@ApiTags('cities')
@Controller('cities')
@Public()
export class CitiesController {
  constructor(@InjectRepository(CityEntity) private readonly cities: Repository<CityEntity>) {}

  @Get()
  async list(): Promise<CityView[]> {
    const cities = await this.cities.find({ order: { name: 'ASC' } });
    return cities.map((c) => ({ id: c.id, name: c.name, country: c.country, role: c.role }));
  }
}
