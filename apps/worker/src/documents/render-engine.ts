import { renderAll } from '@app/documents';
import { Logger } from '@nestjs/common';
import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AppConfig } from '@app/config';
import type { DataSource } from 'typeorm';
import { type ProducedFiles, produceVersionFiles } from './version-files.js';

/** Produces a published version's files (read, render, store): see {@link produceVersionFiles}. */
export interface RenderEngine {
  produce(versionId: string): Promise<ProducedFiles>;
  close(): Promise<void>;
}

export const RENDER_ENGINE = Symbol('RENDER_ENGINE');

/** Produces on the calling thread, on the caller's database: for tests and one-off tools. */
export class InlineRenderEngine implements RenderEngine {
  constructor(private readonly dataSource: DataSource) {}

  produce(versionId: string): Promise<ProducedFiles> {
    return produceVersionFiles(this.dataSource, versionId, renderAll);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** The worker's database, as the render process is told it. */
export type DatabaseConfig = AppConfig['database'];

/** What the render process answers. */
export type RenderReply =
  { id: number; ok: true; produced: ProducedFiles } | { id: number; ok: false; error: string };

/** What the worker sends: first the database to use, then versions to produce. */
export type RenderRequest =
  { kind: 'open'; database: DatabaseConfig } | { kind: 'produce'; id: number; versionId: string };

interface Waiting {
  resolve(produced: ProducedFiles): void;
  reject(error: Error): void;
}

/** The lowest CPU priority, for the render process and every thread it has. */
export const RENDER_NICE = 19;

/**
 * Produces documents in a child process that runs at the lowest CPU priority (started so, so that
 * its garbage collector's threads are low too; see {@link lowPriority}). A PDF of a thousand
 * questions is a second of CPU and megabytes of strings and buffers; on a machine the worker
 * shares with the api and PostgreSQL the kernel gives that second to them first. The process
 * reads the version and stores the files over its own database connection, so only a version id
 * and a few numbers cross the channel, and the worker's event loop (mail, relays) and its heap
 * stay small. A render process that dies fails what it held and is started again on the next
 * version.
 */
export class ProcessRenderEngine implements RenderEngine {
  private readonly logger = new Logger(ProcessRenderEngine.name);
  private child: ChildProcess | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;

  /** `entry`: the built render-process.js; `database`: the worker's own database. */
  constructor(
    private readonly entry: string,
    private readonly database: DatabaseConfig,
  ) {}

  /** The running render process's id, if one runs (for tests and diagnostics). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  produce(versionId: string): Promise<ProducedFiles> {
    const child = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      child.send({ kind: 'produce', id, versionId } satisfies RenderRequest, (error) => {
        if (error) this.settle(id, new Error(`render process: ${error.message}`));
      });
    });
  }

  close(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  private start(): ChildProcess {
    if (this.child) return this.child;
    const node = [...process.execArgv.filter((a) => !a.startsWith('--inspect')), this.entry];
    const child = spawn(...lowPriority([process.execPath, ...node]), SPAWN_OPTIONS);
    child.on('message', (reply: RenderReply) => {
      if (reply.ok) this.settle(reply.id, reply.produced);
      else this.settle(reply.id, new Error(reply.error));
    });
    child.on('error', (error) => this.fail(child, error));
    child.on('exit', (code, signal) =>
      this.fail(child, new Error(`render process exited (${signal ?? code})`)),
    );
    child.send({ kind: 'open', database: this.database } satisfies RenderRequest);
    this.child = child;
    return child;
  }

  private settle(id: number, outcome: ProducedFiles | Error): void {
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    this.waiting.delete(id);
    if (outcome instanceof Error) waiting.reject(outcome);
    else waiting.resolve(outcome);
  }

  private fail(child: ChildProcess, error: Error): void {
    if (this.child !== child) return;
    this.child = undefined;
    if (this.waiting.size > 0) this.logger.warn(error.message);
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}

const CHRT = '/usr/bin/chrt';
const NICE = '/usr/bin/nice';

/**
 * The command line that runs `command` at the lowest priority this system offers: the idle
 * scheduling class (SCHED_IDLE through util-linux's chrt: any normal task that wakes up takes the
 * CPU at once, where a nice task may still finish its time slice first, which would add
 * milliseconds to every api request waiting on PostgreSQL) and nice 19; else what is there.
 */
export function lowPriority(command: string[]): [string, string[]] {
  const niced = existsSync(NICE) ? [NICE, '-n', String(RENDER_NICE), ...command] : command;
  const line = existsSync(CHRT) ? [CHRT, '--idle', '0', ...niced] : niced;
  return [line[0], line.slice(1)];
}
const SPAWN_OPTIONS = {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
} satisfies SpawnOptions;
