import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DigestSweep } from './digest-sweep.service.js';
import { DocumentRenderer } from './document-renderer.service.js';
import { DocumentsQueue } from './documents-queue.service.js';
import { RENDER_ENGINE, type RenderEngine, ThreadRenderEngine } from './render-engine.js';

/** Key-learnings documents: digests of ended sessions, rendering of published versions. */
@Module({
  providers: [
    {
      provide: RENDER_ENGINE,
      useFactory: () => new ThreadRenderEngine(new URL('./render-thread.js', import.meta.url)),
    },
    DocumentRenderer,
    DigestSweep,
    DocumentsQueue,
  ],
})
export class DocumentsModule implements OnApplicationShutdown {
  constructor(@Inject(RENDER_ENGINE) private readonly engine: RenderEngine) {}

  onApplicationShutdown(): Promise<void> {
    return this.engine.close();
  }
}
