import { Module } from '@nestjs/common';
import { DigestSweep } from './digest-sweep.service.js';
import { DocumentRenderer } from './document-renderer.service.js';
import { DocumentsQueue } from './documents-queue.service.js';

/** Key-learnings documents: digests of ended sessions, rendering of published versions. */
@Module({
  providers: [DocumentRenderer, DigestSweep, DocumentsQueue],
})
export class DocumentsModule {}
