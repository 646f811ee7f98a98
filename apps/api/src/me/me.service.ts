import type { MeView } from '@app/contracts';
import { AccountEntity, CityEntity, TransactionRunner } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DomainError, DomainErrorCode } from '../common/domain.error.js';
import { RolesService } from '../roles/roles.service.js';
import { accountProfile } from './account.mapper.js';
import type { UpdateProfileDto } from './dto/me.dto.js';

@Injectable()
export class MeService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly roles: RolesService,
    @InjectRepository(AccountEntity) private readonly accounts: Repository<AccountEntity>,
    @InjectRepository(CityEntity) private readonly cities: Repository<CityEntity>,
  ) {}

  async view(accountId: string): Promise<MeView> {
    const account = await this.accounts.findOneBy({ id: accountId });
    if (!account) throw DomainError.notFound('Account');
    return { ...accountProfile(account), roles: await this.roles.rolesOf(account.id) };
  }

  async update(accountId: string, changes: UpdateProfileDto): Promise<MeView> {
    if (changes.cityId && !(await this.cities.existsBy({ id: changes.cityId }))) {
      throw new DomainError(DomainErrorCode.InvalidInput, 'Unknown city', [
        'cityId must name a city of the programme',
      ]);
    }
    await this.transactions.run((manager) =>
      manager.getRepository(AccountEntity).update({ id: accountId }, changes),
    );
    return this.view(accountId);
  }
}
