import { renderAll } from '@app/documents';
import type { RenderReply, RenderRequest } from './render-engine.js';

/**
 * The worker's render process (started by ProcessRenderEngine at nice 19): renders what it is
 * sent over its IPC channel, one document after another, and exits with its parent.
 */
process.on('message', (request: RenderRequest) => {
  renderAll(request.markdown, request.info).then(
    (files) => process.send?.({ id: request.id, ok: true, files } satisfies RenderReply),
    (error: unknown) =>
      process.send?.({
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message : 'render failed',
      } satisfies RenderReply),
  );
});
process.on('disconnect', () => process.exit(0));
