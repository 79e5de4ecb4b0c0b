// The exception platform code throws for an HTTP-level problem; its code is a row of the problem table.
import type { PlatformProblemCode } from './problem-table';

export class ProblemException extends Error {
  constructor(
    readonly code: PlatformProblemCode,
    readonly detail?: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail ?? code);
    this.name = 'ProblemException';
  }
}

/** Raised by the ValidationPipe: each offending field (dotted path) with its messages. */
export class RequestValidationError extends Error {
  constructor(readonly errors: Readonly<Record<string, readonly string[]>>) {
    super('The request is not valid');
    this.name = 'RequestValidationError';
  }
}
