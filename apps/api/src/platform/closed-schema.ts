// Answers whose keys are fixed, as /docs-json says them (additionalProperties: false).
import { ApiSchema, type ApiSchemaOptions } from '@nestjs/swagger';

/**
 * The answer's keys are fixed: its schema says `additionalProperties: false`, so that a field added to an answer
 * without its schema fails the conformance spec (test/api-read-schemas.e2e-spec.ts) instead of going undocumented.
 * @nestjs/swagger spreads an @ApiSchema's options other than `name` into the class's schema, though its type names
 * only `description`.
 */
export function ClosedSchema(): ClassDecorator {
  return ApiSchema({ additionalProperties: false } as ApiSchemaOptions);
}
