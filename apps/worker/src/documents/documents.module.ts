import { APP_CONFIG, type AppConfig } from '@app/config';
import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DigestSweep } from './digest-sweep.service.js';
import { DocumentRenderer } from './document-renderer.service.js';
import { DocumentsQueue } from './documents-queue.service.js';
import { fileURLToPath } from 'node:url';
import { JobMetricsModule } from '../ops/job-metrics.js';
import { ProcessRenderEngine, RENDER_ENGINE, type RenderEngine } from './render-engine.js';

/** Key-learnings documents: digests of ended sessions, rendering of published versions. */
@Module({
  imports: [JobMetricsModule],
  providers: [
    {
      provide: RENDER_ENGINE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new ProcessRenderEngine(
          fileURLToPath(new URL('./render-process.js', import.meta.url)),
          config.database,
        ),
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
