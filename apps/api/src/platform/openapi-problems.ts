// What every operation of the OpenAPI document may answer besides its own success, in one place: the problem+json
// body of each 4xx/5xx, the problems that the platform gives any route (400 on a bad id or query, 401/403 on a keyed
// route, 404 on an entity path, 503 when the read models lag), the response headers, and request bodies closed to
// properties they do not list (the validation pipe refuses them).
import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PROBLEM_TYPE_PREFIX } from './problem-table';

const PROBLEM_SCHEMA = 'Problem';
const PROBLEM_CONTENT = { 'application/problem+json': { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA}` } } };

/** RFC 9457's members as this API fills them, with its own extensions. */
const PROBLEM: SchemaObject = {
  type: 'object',
  description: 'An error, as application/problem+json (RFC 9457)',
  // No instance when the HTTP parser refused the request before its path could be read.
  required: ['type', 'title', 'status', 'detail', 'code', 'correlationId'],
  properties: {
    type: { type: 'string', example: `${PROBLEM_TYPE_PREFIX}plan.already-endorsed`, description: `${PROBLEM_TYPE_PREFIX}<code>: one per code` },
    title: { type: 'string', example: 'Civil society has already endorsed this action plan', description: 'One title per type' },
    status: { type: 'integer', example: 409 },
    detail: { type: 'string', example: 'The plan was endorsed on 2021-07-26: correct it with POST /admin/plans/{planId}/endorsement/correction', description: 'This occurrence, in words a person can act on' },
    instance: { type: 'string', example: '/admin/plans/df6ef14d-87c1-504c-b211-9a4df811cccd/endorsement', description: 'The path asked (absent when the request could not be parsed)' },
    code: { type: 'string', example: 'plan.already-endorsed', description: 'The stable code (the README lists them)' },
    correlationId: { type: 'string', example: 'c0ffee', description: 'As X-Correlation-Id: quote it when reporting a problem' },
    errors: {
      type: 'object',
      additionalProperties: { type: 'array', items: { type: 'string' } },
      description: 'validation-failed only: the messages of each field (nested fields by path)',
      example: { title: ['title must be a string'] },
    },
    details: { type: 'object', description: 'Machine-readable specifics of some domain errors (ids, dates, fields)' },
  },
};

const CORRELATION_HEADER = {
  'X-Correlation-Id': { description: 'The request\'s correlation id (the one sent, or a new one): it is in every log line and event of the request', schema: { type: 'string' } },
};
const ETAG_HEADER = { ETag: { description: 'The entity\'s stream revision, quoted: send it back as If-Match on a command', schema: { type: 'string', example: '"3"' } } };

/** The problems any operation of its kind may answer, with what they mean there. */
function platformProblems(method: string, path: string, operation: OperationObject): [string, string][] {
  const keyed = operation.security === undefined || operation.security.length > 0;
  const names = (operation.parameters ?? []).map((p) => ('name' in p ? p.name : ''));
  return [
    ['400', 'A path id, query parameter, header or body that is not valid'],
    ...(keyed ? ([['401', 'Missing, unknown or revoked API key'], ['403', 'This key\'s role may not do this, or it is scoped to another member']] as [string, string][]) : []),
    ...(path.includes('{') || names.includes('member') ? ([['404', 'The entity (or the member) named does not exist (as of the instant asked for)']] as [string, string][]) : []),
    ...(method === 'get' && names.includes('waitFor') ? ([['503', 'The read models did not reach waitFor in time (Retry-After: 1)']] as [string, string][]) : []),
  ];
}

/** ETag on the success of the routes that send it: an entity's state and history, and every command's answer. */
function sendsETag(method: string, path: string): boolean {
  return method === 'post' ? /^\/(admin|review)\//.test(path) : /^\/audit\/\{collection\}\/\{id\}(\/history)?$/.test(path);
}

/** The component schemas a property's schema names: directly, as its items, or in an allOf (a nested DTO class). */
export function referencedBy(property: SchemaObject | ReferenceObject): string[] {
  if ('$ref' in property) return [property.$ref.split('/').at(-1)!];
  return [...(property.items === undefined ? [] : referencedBy(property.items)), ...(property.allOf ?? []).flatMap(referencedBy)];
}

/** Adds the Problem schema, the platform's problems, problem bodies, headers and closed request bodies. */
export function describeProblemsAndHeaders(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas[PROBLEM_SCHEMA] = PROBLEM;
  const requestSchemas = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      if (typeof value !== 'object' || value === null || !('responses' in value)) continue;
      const operation = value as OperationObject;
      for (const [status, description] of platformProblems(method, path, operation)) operation.responses[status] ??= { description };
      for (const [status, response] of Object.entries(operation.responses)) {
        const answer = response as ResponseObject;
        if (Number(status) >= 400) answer.content ??= PROBLEM_CONTENT;
        answer.headers = { ...CORRELATION_HEADER, ...(Number(status) < 300 && sendsETag(method, path) ? ETAG_HEADER : {}), ...answer.headers };
      }
      const body = operation.requestBody;
      const schema = body !== undefined && 'content' in body ? body.content['application/json']?.schema : undefined;
      if (schema !== undefined && '$ref' in schema) requestSchemas.add(schema.$ref.split('/').at(-1)!);
    }
  }
  // The validation pipe forbids properties a body's class does not list (400), nested objects' included.
  const closing = [...requestSchemas];
  for (let name = closing.pop(); name !== undefined; name = closing.pop()) {
    const schema = document.components.schemas[name] as SchemaObject | undefined;
    if (schema === undefined || schema.additionalProperties === false) continue;
    schema.additionalProperties = false;
    for (const property of Object.values(schema.properties ?? {})) closing.push(...referencedBy(property));
  }
}
