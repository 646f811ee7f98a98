import { renderAll, type RenderedDocument, type RenderInfo } from '@app/documents';
import { Logger } from '@nestjs/common';
import { Worker } from 'node:worker_threads';

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

/**
 * Renders on a thread of its own that runs at the lowest CPU priority (nice 19): a PDF of a
 * thousand questions is a second of CPU, and on a machine the worker shares with the api the
 * kernel gives that second to the api's requests first. The worker's event loop (mail, relays)
 * stays free meanwhile. A thread that dies fails what it held and is started again on demand.
 */
export class ThreadRenderEngine implements RenderEngine {
  private readonly logger = new Logger(ThreadRenderEngine.name);
  private thread: Worker | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;

  constructor(private readonly entry: URL) {}

  render(markdown: string, info: RenderInfo): Promise<RenderedDocument[]> {
    const thread = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      thread.postMessage({ id, markdown, info } satisfies RenderRequest);
    });
  }

  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    if (thread) await thread.terminate();
  }

  private start(): Worker {
    if (this.thread) return this.thread;
    const thread = new Worker(this.entry);
    thread.on('message', (reply: RenderReply) => {
      const waiting = this.waiting.get(reply.id);
      if (!waiting) return;
      this.waiting.delete(reply.id);
      if (reply.ok) {
        // Buffers arrive as Uint8Arrays once they crossed the thread boundary.
        waiting.resolve(
          reply.files.map((f) => ({
            ...f,
            body: Buffer.from(f.body.buffer, f.body.byteOffset, f.body.byteLength),
          })),
        );
      } else waiting.reject(new Error(reply.error));
    });
    thread.on('error', (error) => this.fail(thread, error));
    thread.on('exit', (code) => this.fail(thread, new Error(`render thread exited (${code})`)));
    thread.unref();
    this.thread = thread;
    return thread;
  }

  private fail(thread: Worker, error: Error): void {
    if (this.thread !== thread) return;
    this.thread = undefined;
    if (this.waiting.size > 0) this.logger.warn(`render thread: ${error.message}`);
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
