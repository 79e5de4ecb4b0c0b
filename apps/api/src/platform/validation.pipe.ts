// The global ValidationPipe: whitelisted DTO properties only, transformed, failures as RequestValidationError.
import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { RequestValidationError } from './problem.exception';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type TargetMetadatas = MetadataStorage['getTargetValidationMetadatas'];

const memoized = new WeakSet<MetadataStorage>();

/**
 * Memoizes class-validator's getTargetValidationMetadatas, which on every validate() of every (nested) object walks
 * the metadata of every decorated class in the program to find inherited rules: with our ~100 DTO classes that
 * walk was a large part of each request's cost. Its answer depends only on its arguments and on the metadata added
 * so far, so the cache is emptied whenever metadata is added (a class declared later).
 */
export function memoizeValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  if (memoized.has(storage)) return;
  memoized.add(storage);
  const cache = new Map<unknown, Map<string, ReturnType<TargetMetadatas>>>();
  const lookUp: TargetMetadatas = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    let byOptions = cache.get(target);
    if (byOptions === undefined) cache.set(target, (byOptions = new Map()));
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let found = byOptions.get(key);
    if (found === undefined) byOptions.set(key, (found = lookUp(target, schema, always, strictGroups, groups)));
    return found;
  };
  for (const method of ['addValidationMetadata', 'addConstraintMetadata'] as const) {
    const add = storage[method].bind(storage) as (metadata: never) => void;
    storage[method] = ((metadata: never) => {
      cache.clear();
      add(metadata);
    }) as never;
  }
}

function collect(errors: readonly ValidationError[], parent: string, into: Record<string, string[]>): void {
  for (const error of errors) {
    const path = parent === '' ? error.property : `${parent}.${error.property}`;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) into[path] = [...(into[path] ?? []), ...messages];
    collect(error.children ?? [], path, into);
  }
}

export function createValidationPipe(): ValidationPipe {
  memoizeValidationMetadata();
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
