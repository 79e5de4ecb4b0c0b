// OpenAPI: Swagger UI at /docs and the document at /docs-json, with the bearer (API key) scheme.
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC_OPERATION } from './access.decorators';

/** Public routes (@Public()) need no key: their operations say so, overriding the document's global requirement. */
function liftKeyRequirementOfPublicRoutes(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      if (typeof operation !== 'object' || operation === null || !(PUBLIC_OPERATION in operation)) continue;
      const marked = operation as Record<string, unknown>;
      delete marked[PUBLIC_OPERATION];
      marked.security = [];
    }
  }
  return document;
}

/** `ui: false` serves only /docs-json (Swagger UI's static files need @fastify/static, which jest cannot load). */
export function setUpOpenApi(app: INestApplication, options: { readonly ui: boolean }): void {
  const document = liftKeyRequirementOfPublicRoutes(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('ogp-ledger')
        .setDescription(
          'Event-sourced, verifiable compliance tracker for OGP Local members. Errors are application/problem+json ' +
            '(RFC 9457); reads return ETag, commands accept If-Match and Idempotency-Key.',
        )
        .setVersion('0.1.0')
        .addBearerAuth(
          {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'API key',
            description: 'API key: ogp_<id>_<secret>',
          },
          'api-key',
        )
        .addSecurityRequirements('api-key')
        .build(),
    ),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', ui: options.ui });
}
