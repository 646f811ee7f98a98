import { APP_CONFIG, type AppConfig } from '@app/config';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, openDataSource } from './data-source.js';
import { ENTITIES } from './entities/index.js';
import { MailOutbox } from './outbox/mail-outbox.js';
import { TransactionRunner } from './transaction-runner.js';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => dataSourceOptions(config),
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('database options missing');
        return openDataSource(options);
      },
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  providers: [TransactionRunner, MailOutbox],
  exports: [TypeOrmModule, TransactionRunner, MailOutbox],
})
export class PersistenceModule {}
