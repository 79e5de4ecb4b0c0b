// OpenAPI: Swagger UI at /docs and the document at /docs-json, with the bearer (API key) scheme.
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC_OPERATION } from './access.decorators';
import { ID_EXAMPLES } from './id-examples';
import { describeProblemsAndHeaders } from './openapi-problems';
import { describeRequestConstraints } from './openapi-requests';

/** Public routes (@Public()) need no key: their operations say so, overriding the document's global requirement. */
function liftKeyRequirementOfPublicRoutes(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      if (typeof operation !== 'object' || operation === null || !(PUBLIC_OPERATION in operation)) continue;
      const marked = operation as Record<string, unknown>;
      delete marked[PUBLIC_OPERATION];
      marked.security = [];
    }
  }
}

/** What the command routes' path ids are, with an example of each (@Param ids carry no OpenAPI metadata). */
const PATH_IDS: Readonly<Record<string, { readonly description: string; readonly example: string }>> = {
  memberId: { description: 'The OGP Local member', example: ID_EXAMPLES.member },
  planId: { description: 'The action plan', example: ID_EXAMPLES.plan },
  commitmentId: { description: 'The commitment', example: ID_EXAMPLES.commitment },
  milestoneId: { description: 'The milestone, within its commitment', example: ID_EXAMPLES.milestone },
  claimId: { description: 'The progress claim, within its commitment', example: ID_EXAMPLES.claim },
  meetingId: { description: 'The forum meeting, as recording it answered in ids', example: ID_EXAMPLES.meeting },
};

/** Describes the path ids that no DTO describes (the command routes' @Param ids), with an example each. */
function describePathIds(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      if (typeof operation !== 'object' || operation === null || !('parameters' in operation)) continue;
      for (const parameter of (
        operation as { parameters: { in?: string; name?: string; description?: string; example?: unknown }[] }
      ).parameters) {
        const known =
          parameter.in === 'path' && parameter.name !== undefined ? PATH_IDS[parameter.name] : undefined;
        if (known === undefined) continue;
        parameter.description ??= known.description;
        parameter.example ??= known.example;
      }
    }
  }
}

/** `ui: false` serves only /docs-json (Swagger UI's static files need @fastify/static, which jest cannot load). */
export function setUpOpenApi(app: INestApplication, options: { readonly ui: boolean }): void {
  const document = SwaggerModule.createDocument(
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
  );
  liftKeyRequirementOfPublicRoutes(document);
  describePathIds(document);
  describeProblemsAndHeaders(document);
  describeRequestConstraints(app, document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', ui: options.ui });
}
