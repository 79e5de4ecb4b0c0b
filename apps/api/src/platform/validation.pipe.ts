// The global ValidationPipe: whitelisted DTO properties only, transformed, failures as RequestValidationError.
import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { RequestValidationError } from './problem.exception';

function collect(errors: readonly ValidationError[], parent: string, into: Record<string, string[]>): void {
  for (const error of errors) {
    const path = parent === '' ? error.property : `${parent}.${error.property}`;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) into[path] = [...(into[path] ?? []), ...messages];
    collect(error.children ?? [], path, into);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => {
      const byField: Record<string, string[]> = {};
      collect(errors, '', byField);
      return new RequestValidationError(byField);
    },
  });
}
