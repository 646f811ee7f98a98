import type { TransactionRunner } from '@app/persistence';

/**
 * Runs `meanwhile` while another unit of work's transaction is open on `transactions`, and rolls
 * that one back 50 ms later: what a write of one request meets on SQLite's shared connection when
 * another request fails. Resolves with what `meanwhile` gave, after the rollback.
 */
export async function duringARollback<T>(
  transactions: TransactionRunner,
  meanwhile: () => Promise<T>,
): Promise<T> {
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  let refuse!: () => void;
  const refused = new Promise<void>((resolve) => (refuse = resolve));
  const other = transactions.run(async () => {
    opened();
    await refused;
    throw new Error('refused');
  });
  await open;
  const result = meanwhile();
  await new Promise((resolve) => setTimeout(resolve, 50));
  refuse();
  await other.then(
    () => {
      throw new Error('the other transaction was meant to roll back');
    },
    (error: unknown) => {
      if (!(error instanceof Error) || error.message !== 'refused') throw error;
    },
  );
  return result;
}
