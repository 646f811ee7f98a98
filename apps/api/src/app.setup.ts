import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiValidationPipe } from './common/api-validation.pipe.js';
import { HttpErrorFilter } from './common/http-error.filter.js';

/**
 * Everything about the HTTP surface that does not depend on the platform adapter, so that tests and
 * the adapter benchmark build exactly the app that `main.ts` serves. In-process Jest tests leave out
 * the OpenAPI pages: Swagger UI loads @fastify/static with require(), which Jest's ESM runtime cannot
 * do on Node 20; the process-level suite checks the docs of the built api.
 */
export function configureApi(app: INestApplication, options: { docs?: boolean } = {}): void {
  // Probes and metrics sit beside /health, outside the api's prefix (the proxy keeps /metrics in).
  app.setGlobalPrefix('api', { exclude: ['health', 'health/live', 'health/ready', 'metrics'] });
  app.useGlobalPipes(
    new ApiValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  app.useGlobalFilters(new HttpErrorFilter());
  if (options.docs === false) return;
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('ICC Hub API')
      .setDescription(
        'Events, sessions and programme of the EU Intelligent Cities Challenge. Times are UTC ISO-8601; ' +
          'each event carries its IANA time zone. Errors are `{ statusCode, error, message, details? }`.',
      )
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
