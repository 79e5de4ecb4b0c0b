// THE table from errors to HTTP problems (RFC 9457): platform problem codes, domain error kinds, and the mapping.
import { HttpException } from '@nestjs/common';
import { ERROR_CATALOGUE } from '@ogp/domain';
import { ThrottlerException } from '@nestjs/throttler';
import { DuplicateEventIdError, PositionFormError, WrongExpectedVersionError } from '@ogp/event-store';
import { ProjectionRunnerStoppedError, ReadModelTimeoutError } from '@ogp/projections';
import { LedgerLogStoppedError } from '@ogp/tracker';
import { ProblemException, RequestValidationError } from './problem.exception';

export const PROBLEM_TYPE_PREFIX = 'urn:ogp-ledger:problem:';

export const PLATFORM_PROBLEMS = {
  'validation-failed': { status: 400, title: 'The request is not valid' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  'forbidden-property': { status: 400, title: 'The request body contains a forbidden property (__proto__ or constructor)' },
  'invalid-header': { status: 400, title: 'A request header is not valid' },
  'bad-request': { status: 400, title: 'Bad request' },
  unauthorized: { status: 401, title: 'A valid API key is required' },
  forbidden: { status: 403, title: 'This API key may not do this' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  'wrong-expected-version': { status: 409, title: 'The entity was changed by another request; read it again and retry' },
  'duplicate-event-id': { status: 409, title: 'An event with this id is already stored with different content' },
  'idempotency-request-in-flight': { status: 409, title: 'A request with this Idempotency-Key is still being processed' },
  'checkpoint-pending': { status: 409, title: 'No signed checkpoint covers this event yet' },
  'request-timeout': { status: 408, title: 'The request was not received in time' },
  'precondition-failed': { status: 412, title: 'The entity no longer has the revision given in If-Match' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'The request body must be application/json' },
  'idempotency-key-reused': { status: 422, title: 'This Idempotency-Key was already used for a different request' },
  'too-many-requests': { status: 429, title: 'Too many write requests for this API key; slow down' },
  'headers-too-large': { status: 431, title: 'The request headers are too large' },
  'internal-error': { status: 500, title: 'Internal server error' },
  'not-ready': { status: 503, title: 'The service is not ready' },
} as const satisfies Record<string, { readonly status: number; readonly title: string }>;

export type PlatformProblemCode = keyof typeof PLATFORM_PROBLEMS;

/** Domain errors carry a stable code and one of these kinds; the kind decides the status and the title. */
export const DOMAIN_ERROR_KINDS = {
  validation: { status: 422, title: 'The request breaks a rule of the OGP Local model' },
  'not-found': { status: 404, title: 'The entity does not exist' },
  conflict: { status: 409, title: 'The entity is not in a state that allows this' },
  forbidden: { status: 403, title: 'This API key may not do this' },
} as const;
export type DomainErrorKind = keyof typeof DOMAIN_ERROR_KINDS;

/** Matched by shape, so that any library's error with a code and a kind maps (DomainError, MemberScopeError). */
export interface DomainErrorShape extends Error {
  readonly code: string;
  readonly kind: DomainErrorKind;
  /** Machine-readable specifics (field, ids, dates), sent as the `details` extension. */
  readonly details?: Readonly<Record<string, unknown>>;
  /** The problem type's title, for a coded error outside the domain's catalogue (else its kind's title is used). */
  readonly title?: string;
}

export function isDomainError(error: unknown): error is DomainErrorShape {
  if (!(error instanceof Error)) return false;
  const candidate = error as Error & { code?: unknown; kind?: unknown };
  return typeof candidate.code === 'string' && typeof candidate.kind === 'string' && Object.hasOwn(DOMAIN_ERROR_KINDS, candidate.kind);
}

/** An HTTP problem before it is given its instance and correlation id. */
export interface Problem {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export interface ProblemContext {
  /** True when the request carried If-Match: a version conflict is then a failed precondition. */
  readonly hadIfMatch: boolean;
}

const STATUS_FALLBACK: Readonly<Record<number, PlatformProblemCode>> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  412: 'precondition-failed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
  503: 'not-ready',
};

function platform(code: PlatformProblemCode, detail?: string, extensions?: Readonly<Record<string, unknown>>): Problem {
  return { ...PLATFORM_PROBLEMS[code], code, detail, extensions };
}

function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const response = error.getResponse();
  const message = typeof response === 'object' && response !== null && 'message' in response ? response.message : response;
  const detail = typeof message === 'string' ? message : Array.isArray(message) ? message.join('; ') : undefined;
  // Fastify's parse-time errors (body too large, media type, content length) arrive here mapped by status.
  const code = STATUS_FALLBACK[status];
  if (code) return platform(code, detail);
  return status >= 500 ? platform('internal-error') : { status, code: `http-${status}`, title: detail ?? 'Request failed', detail };
}

/** What Fastify's router refuses before any route runs (see answerFrameworkError); else undefined. */
function fromRouterError(error: Error): Problem | undefined {
  switch ((error as Error & { code?: unknown }).code) {
    case 'FST_ERR_BAD_URL':
      return platform('bad-request', 'The path is not valid percent-encoding: a % must start an encoded UTF-8 character (%C3%A9); write a % itself as %25');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return platform('bad-request', 'A path parameter is longer than any id (ids have at most 64 characters)');
    default:
      return undefined;
  }
}

/** SQLite's "database or disk is full" (SQLITE_FULL), as better-sqlite3 throws it, at any depth of `cause`. */
function isDiskFull(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if ((e as Error & { code?: unknown }).code === 'SQLITE_FULL') return true;
  }
  return false;
}

/** Maps anything thrown while handling a request to the problem to answer. Unknown errors become 500. */
export function problemFor(error: unknown, context: ProblemContext): Problem {
  if (error instanceof ProblemException) return platform(error.code, error.detail, error.extensions);
  if (error instanceof RequestValidationError) return platform('validation-failed', 'See errors for each field', { errors: error.errors });
  if (isDomainError(error)) {
    const details = error.details !== undefined && Object.keys(error.details).length > 0 ? { details: error.details } : undefined;
    // One title per problem type (RFC 9457): the catalogue's for a domain code, the kind's for other coded errors.
    const title = (ERROR_CATALOGUE as Readonly<Record<string, { title: string }>>)[error.code]?.title ?? error.title ?? DOMAIN_ERROR_KINDS[error.kind].title;
    return { ...DOMAIN_ERROR_KINDS[error.kind], title, code: error.code, detail: error.message, extensions: details };
  }
  if (error instanceof WrongExpectedVersionError) {
    const detail = error.actual === 'no_stream' ? `${error.stream} does not exist` : `${error.stream} is at revision ${String(error.actual)}`;
    // A client that read before its own last write reached the read models holds an ETag older than its own write.
    return context.hadIfMatch
      ? platform('precondition-failed', `${detail}: read it again (with ?waitFor=<the position your last command answered>, to see your own writes) and retry`)
      : platform('wrong-expected-version', detail);
  }
  if (error instanceof DuplicateEventIdError) return platform('duplicate-event-id', `Event id ${error.eventId}`);
  if (error instanceof PositionFormError) return platform('bad-request', error.message);
  // The read models did not reach a position asked for in time, or they or the ledger log are stopping: try again.
  if (error instanceof ReadModelTimeoutError || error instanceof ProjectionRunnerStoppedError || error instanceof LedgerLogStoppedError) {
    return platform('not-ready', error.message);
  }
  // The disk holding DATA_DIR is full: nothing of the request was recorded (SQLite rolled it back); it can be retried
  // once space is freed, without a restart. Not a fault of ours to hide behind a bare 500.
  if (isDiskFull(error)) return platform('not-ready', 'The disk holding the data is full: nothing was recorded. Retry once the operator has freed space');
  if (error instanceof ThrottlerException) return platform('too-many-requests', 'This API key has used its writes for the current minute: retry after the seconds Retry-After gives');
  if (error instanceof HttpException) return fromHttpException(error);
  return (error instanceof Error ? fromRouterError(error) : undefined) ?? platform('internal-error');
}
