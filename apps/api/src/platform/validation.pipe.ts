// The global ValidationPipe: whitelisted DTO properties only, transformed, failures as RequestValidationError.
import { type ArgumentMetadata, ValidationPipe, type ValidationError, type ValidationPipeOptions } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { fieldMessages } from '@ogp/tracker';
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

/** class-validator's own words for a list's size ("must contain at least 1 elements"), and the bound each states. */
const LIST_SIZE_MESSAGES: Readonly<Record<string, { readonly words: RegExp; readonly bound: string }>> = {
  arrayMinSize: { words: /^(.*) must contain at least (\d+) elements$/, bound: 'at least' },
  arrayMaxSize: { words: /^(.*) must contain no more than (\d+) elements$/, bound: 'at most' },
};

/** A list-size rule's own message in ours ("must contain at least one item", "at most 3 items"); an author's is kept. */
function listSizeInOurWords(rule: string, message: string): string {
  const size = Object.hasOwn(LIST_SIZE_MESSAGES, rule) ? LIST_SIZE_MESSAGES[rule]! : undefined;
  const [, subject, count] = size?.words.exec(message) ?? [];
  if (size === undefined || subject === undefined || count === undefined) return message;
  return `${subject} must contain ${size.bound} ${count === '1' ? 'one item' : `${count} items`}`;
}

/** The error with class-validator's list-size messages reworded: one place for every DTO's @ArrayMinSize/@ArrayMaxSize. */
function inOurWords(error: ValidationError): ValidationError {
  if (error.constraints === undefined) return error;
  const constraints = Object.fromEntries(Object.entries(error.constraints).map(([rule, message]) => [rule, listSizeInOurWords(rule, message)]));
  return Object.assign(Object.create(Object.getPrototypeOf(error) as object) as ValidationError, error, { constraints });
}

function collect(errors: readonly ValidationError[], parent: string, into: Record<string, string[]>): void {
  for (const error of errors) {
    const path = parent === '' ? error.property : `${parent}.${error.property}`;
    const messages = fieldMessages(inOurWords(error));
    if (messages.length > 0) into[path] = [...(into[path] ?? []), ...messages];
    collect(error.children ?? [], path, into);
  }
}

/** Most remembered answers per DTO class; past it the class's answers are forgotten and it starts again. */
export const REMEMBERED_PER_CLASS = 1000;
/** Longest params or query (keys and values) whose answer is remembered. */
const REMEMBERED_MAX_CHARS = 512;

type Instance = Record<string, unknown>;
type DtoClass = NonNullable<ArgumentMetadata['metatype']>;

/**
 * Whether an object is a bag of its own properties: a plain object, or one of the prototype-less record classes
 * Fastify and its router make for queries and params (whose prototype is an empty object without a prototype).
 */
function isRecord(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || proto === Object.prototype || (Object.getPrototypeOf(proto) === null && Reflect.ownKeys(proto).length === 0);
}

/**
 * The key of a params or query object worth remembering: a record of at most 8 string values (what Fastify parses
 * from a path and a query string), or undefined. Order is kept: it is the order of the answer's properties.
 */
function flatKey(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !isRecord(value)) return undefined;
  const entries = Object.entries(value);
  if (entries.length > 8 || entries.some(([, v]) => typeof v !== 'string')) return undefined;
  const key = JSON.stringify(entries);
  return key.length <= REMEMBERED_MAX_CHARS ? key : undefined;
}

/** A fresh instance with the template's own properties: each request gets its own object. */
function copyOf(template: Instance): Instance {
  return Object.assign(Object.create(Object.getPrototypeOf(template) as object | null) as Instance, template);
}

/** Whether an answer is a DTO instance holding primitives only, so that a shallow copy is a full one. */
function flatInstance(result: unknown, metatype: DtoClass): result is Instance {
  return (
    result instanceof metatype &&
    Object.values(result as Instance).every((v) => v === null || (typeof v !== 'object' && typeof v !== 'function'))
  );
}

/** class-validator's own rules that read nothing but the value and their constraints (its names for them). */
const PURE_RULES: ReadonlySet<string> = new Set([
  'isOptional', 'isDefined', 'isIn', 'matches', 'maxLength', 'minLength', 'isInt', 'min', 'max', 'isIso8601', 'isUuid',
  'isString', 'isUrl', 'isArray', 'isNumber', 'isBoolean', 'isEnum', 'isNotEmpty',
]);
/** The metadata kinds those rules are stored as. */
const RULE_KINDS: ReadonlySet<string> = new Set(['customValidation', 'conditionalValidation', 'isDefined']);

/**
 * Whether a DTO class's answers may be remembered: every rule validation applies to it is one of PURE_RULES. A
 * @ValidateIf condition or a custom validator (which might read a clock or a database) makes the class validated
 * every time. class-transformer's @Transform is not seen here: the one our query and param DTOs use (DecimalInteger)
 * depends on nothing but the value, and any other must not either.
 */
function hasPureRules(metatype: object, storage: MetadataStorage = getMetadataStorage()): boolean {
  return storage
    .getTargetValidationMetadatas(metatype as new () => object, '', false, false)
    .every((m) => m.type === 'whitelistValidation' || (RULE_KINDS.has(m.type) && m.name !== undefined && PURE_RULES.has(m.name)));
}

/**
 * Nest's ValidationPipe, remembering its successful answers for path params and query strings. Validating and
 * transforming them is a pure function of their strings when the DTO has pure rules only (hasPureRules), and a
 * read route sees the same few values again and again. Bodies are always validated; failures are never
 * remembered; each request gets its own copy.
 */
export class RememberingValidationPipe extends ValidationPipe {
  /** By DTO class, its remembered answers; null for a class whose rules are not all pure. */
  private readonly answers = new WeakMap<object, Map<string, Instance> | null>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype } = metadata;
    const paramsOrQuery = metadata.type === 'param' || metadata.type === 'query';
    const known = paramsOrQuery && typeof metatype === 'function' ? this.answersOf(metatype) : null;
    const key = known === null ? undefined : flatKey(value);
    if (known === null || key === undefined) return super.transform(value, metadata);
    const remembered = known.get(key);
    if (remembered !== undefined) return copyOf(remembered);
    const result: unknown = await super.transform(value, metadata);
    if (flatInstance(result, metatype!)) {
      if (known.size >= REMEMBERED_PER_CLASS) known.clear();
      known.set(key, copyOf(result));
    }
    return result;
  }

  private answersOf(metatype: DtoClass): Map<string, Instance> | null {
    let known = this.answers.get(metatype);
    if (known === undefined) this.answers.set(metatype, (known = hasPureRules(metatype) ? new Map() : null));
    return known;
  }
}

/** Our pipe's options: whitelisted DTO properties only, transformed, failures as RequestValidationError. */
export function validationPipeOptions(): ValidationPipeOptions {
  return {
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => {
      const byField: Record<string, string[]> = {};
      collect(errors, '', byField);
      return new RequestValidationError(byField);
    },
  };
}

export function createValidationPipe(): ValidationPipe {
  memoizeValidationMetadata();
  return new RememberingValidationPipe(validationPipeOptions());
}
