import { renderAll } from '@app/documents';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { RenderReply, RenderRequest } from './render-engine.js';

/** The lowest priority: on Linux the nice value of this thread alone (0 = the calling thread). */
const NICE = 19;

try {
  setPriority(0, NICE);
} catch {
  // Not allowed on this system: render at normal priority.
}

parentPort?.on('message', (request: RenderRequest) => {
  renderAll(request.markdown, request.info).then(
    (files) => {
      const reply: RenderReply = { id: request.id, ok: true, files };
      // Copied, not transferred: small Buffers share Node's pool, which must not be detached.
      parentPort?.postMessage(reply);
    },
    (error: unknown) => {
      const reply: RenderReply = {
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message : 'render failed',
      };
      parentPort?.postMessage(reply);
    },
  );
});
