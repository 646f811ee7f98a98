import type { AccountEntity } from '@app/persistence';

/** The personal fields of an account, as the person sees them in /api/me and in their export. */
export function accountProfile(account: AccountEntity) {
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    organisation: account.organisation,
    cityId: account.cityId,
    locale: account.locale,
    timeZone: account.timeZone,
    keyLearningsPdf: account.keyLearningsPdf,
  };
}
