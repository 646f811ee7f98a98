import { renderAll, type RenderedDocument, type RenderInfo } from '@app/documents';
import { Logger } from '@nestjs/common';
import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Turns a version's Markdown into its files. */
export interface RenderEngine {
  render(markdown: string, info: RenderInfo): Promise<RenderedDocument[]>;
  close(): Promise<void>;
}

export const RENDER_ENGINE = Symbol('RENDER_ENGINE');

/** Renders on the calling thread: for tests and one-off tools. */
export class InlineRenderEngine implements RenderEngine {
  render(markdown: string, info: RenderInfo): Promise<RenderedDocument[]> {
    return renderAll(markdown, info);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** What the render thread answers. */
export type RenderReply =
  { id: number; ok: true; files: RenderedDocument[] } | { id: number; ok: false; error: string };

export interface RenderRequest {
  id: number;
  markdown: string;
  info: RenderInfo;
}

interface Waiting {
  resolve(files: RenderedDocument[]): void;
  reject(error: Error): void;
}

/** The lowest CPU priority, for the render process and every thread it has. */
export const RENDER_NICE = 19;

/**
 * Renders in a child process that runs at the lowest CPU priority (started so, so that its
 * garbage collector's threads are low too; see {@link lowPriority}): a PDF of a thousand questions is a second of
 * CPU, and on a machine the worker shares with the api and PostgreSQL the kernel gives that
 * second to them first. The worker's event loop (mail, relays) stays free meanwhile. A render
 * process that dies fails what it held and is started again on the next render.
 */
export class ProcessRenderEngine implements RenderEngine {
  private readonly logger = new Logger(ProcessRenderEngine.name);
  private child: ChildProcess | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;

  constructor(private readonly entry: string) {}

  render(markdown: string, info: RenderInfo): Promise<RenderedDocument[]> {
    const child = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      child.send({ id, markdown, info } satisfies RenderRequest, (error) => {
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
      if (reply.ok) this.settle(reply.id, null, reply.files.map(asBuffers));
      else this.settle(reply.id, new Error(reply.error));
    });
    child.on('error', (error) => this.fail(child, error));
    child.on('exit', (code, signal) =>
      this.fail(child, new Error(`render process exited (${signal ?? code})`)),
    );
    this.child = child;
    return child;
  }

  private settle(id: number, error: Error | null, files: RenderedDocument[] = []): void {
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    this.waiting.delete(id);
    if (error) waiting.reject(error);
    else waiting.resolve(files);
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
  // Structured clone over the channel: file bodies cross as bytes, not as JSON arrays.
  serialization: 'advanced',
} satisfies SpawnOptions;

/** Bodies arrive as Uint8Arrays once they crossed the process boundary. */
function asBuffers(file: RenderedDocument): RenderedDocument {
  const body = file.body as Uint8Array;
  return { ...file, body: Buffer.from(body.buffer, body.byteOffset, body.byteLength) };
}
