import { renderAll } from '@app/documents';
import { dataSourceOptions } from '@app/persistence';
import { DataSource } from 'typeorm';
import type { DatabaseConfig, RenderReply, RenderRequest } from './render-engine.js';
import { produceVersionFiles } from './version-files.js';

/**
 * The worker's render process (started by ProcessRenderEngine in the idle scheduling class at
 * nice 19): produces the versions it is sent over its IPC channel, one after another, on its own
 * connection to the worker's database (sent first; the worker has migrated the schema before it
 * sends anything), and exits with its parent.
 */
let config: DatabaseConfig | undefined;
let opened: Promise<DataSource> | undefined;

function database(): Promise<DataSource> {
  if (!config) return Promise.reject(new Error('render process: no database was sent'));
  if (!opened) {
    const options = dataSourceOptions({ database: config });
    // One version at a time: one connection is all it uses.
    const attempt = new DataSource(
      options.type === 'postgres' ? { ...options, extra: { max: 1 } } : options,
    ).initialize();
    opened = attempt;
    attempt.catch(() => {
      if (opened === attempt) opened = undefined;
    });
  }
  return opened;
}

async function produce(request: { id: number; versionId: string }): Promise<RenderReply> {
  try {
    const produced = await produceVersionFiles(await database(), request.versionId, renderAll);
    return { id: request.id, ok: true, produced };
  } catch (error: unknown) {
    return {
      id: request.id,
      ok: false,
      error: error instanceof Error ? error.message : 'render failed',
    };
  }
}

let queue: Promise<unknown> = Promise.resolve();

process.on('message', (request: RenderRequest) => {
  if (request.kind === 'open') config = request.database;
  else queue = queue.then(() => produce(request)).then((reply) => process.send?.(reply));
});

process.on('disconnect', () => {
  const closing = opened?.then((dataSource) => dataSource.destroy()) ?? Promise.resolve();
  closing.then(
    () => process.exit(0),
    () => process.exit(0),
  );
});
