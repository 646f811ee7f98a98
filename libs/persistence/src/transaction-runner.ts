import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Runs a unit of work in a database transaction. On SQLite every query shares one connection, so
 * two overlapping `dataSource.transaction()` calls fail ("cannot start a transaction within a
 * transaction"): transactions are queued one after another there. PostgreSQL runs them in parallel
 * on pooled connections. That includes the transactions TypeORM opens by itself: a repository's
 * `save()` or `remove()` outside `run()` interleaves its BEGIN and COMMIT with a queued one on
 * SQLite (a 500 for one request, or a write another request's rollback undoes), so writes that
 * need them go through `run()` too.
 */
/** A write that changes nothing: SQLite takes the write lock for it all the same. */
const TAKE_WRITE_LOCK = 'UPDATE "migrations" SET "id" = "id" WHERE 0';

@Injectable()
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dataSource.options.type === 'postgres') {
      return this.dataSource.transaction(work);
    }
    return this.queued(() =>
      this.dataSource.transaction(async (manager) => {
        // The file's write lock first, as BEGIN IMMEDIATE would: a transaction that read first
        // and wrote later fails at once (SQLITE_BUSY_SNAPSHOT) when another process (the worker,
        // the live process) wrote in between; taking the lock first waits for it instead.
        await manager.query(TAKE_WRITE_LOCK);
        return work(manager);
      }),
    );
  }

  /**
   * One statement that needs no transaction of its own (a single UPDATE or INSERT is atomic by
   * itself), kept out of every other unit's transaction: on SQLite it waits its turn in the same
   * queue and runs between transactions, in autocommit (no BEGIN, lock statement or COMMIT around
   * it, so a hot path such as the mail worker's claim and sent mark costs one statement); on
   * PostgreSQL it runs on a pooled connection at once. `work` must issue one write statement.
   */
  alone<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dataSource.options.type === 'postgres') return work(this.dataSource.manager);
    return this.queued(() => work(this.dataSource.manager));
  }

  /** Runs `step` after everything queued before it (SQLite's one connection), failed or not. */
  private queued<T>(step: () => Promise<T>): Promise<T> {
    const result = this.tail.then(step);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
