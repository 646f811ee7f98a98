import {
  AccountEntity,
  InvitationEntity,
  KeyLearningFileEntity,
  KeyLearningVersionEntity,
  RegistrationEntity,
  ScheduleReleaseEntity,
  SessionEntity,
  TransactionRunner,
} from '@app/persistence';
import { InvitationComposer } from '../../apps/worker/src/mail/invitation-composer.js';
import { KeyLearningsComposer } from '../../apps/worker/src/mail/key-learnings-composer.js';
import { MailComposer } from '../../apps/worker/src/mail/mail-composer.service.js';
import { ReminderComposer } from '../../apps/worker/src/mail/reminder-composer.js';
import type { TestApp } from './test-app.js';

/** The worker's composers, built by hand on a spec's app: what the worker would write. */
export function reminderComposerFor(hub: TestApp): ReminderComposer {
  return new ReminderComposer(
    hub.config,
    hub.dataSource.getRepository(RegistrationEntity),
    hub.dataSource.getRepository(ScheduleReleaseEntity),
  );
}

export function mailComposerFor(hub: TestApp): MailComposer {
  const repo = hub.dataSource.getRepository.bind(hub.dataSource);
  const transactions = hub.app.get(TransactionRunner);
  return new MailComposer(
    hub.config,
    transactions,
    repo(SessionEntity),
    repo(ScheduleReleaseEntity),
    new InvitationComposer(hub.config, transactions, repo(InvitationEntity)),
    reminderComposerFor(hub),
    new KeyLearningsComposer(
      hub.config,
      repo(KeyLearningVersionEntity),
      repo(KeyLearningFileEntity),
      repo(AccountEntity),
      repo(ScheduleReleaseEntity),
    ),
  );
}
