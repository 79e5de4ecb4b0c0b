// A read of an entity the read models do not know (at that instant): a 404 with a stable code.
export class EntityNotFoundError extends Error {
  readonly code = 'read.entity-not-found';
  readonly kind = 'not-found';
  readonly title = 'No such entity was recorded (as of the instant asked for)';
  constructor(readonly stream: string, asOf?: string) {
    super(asOf === undefined ? `No ${stream} is recorded` : `No ${stream} was recorded as of ${asOf}`);
    this.name = 'EntityNotFoundError';
  }
}

/** Throws EntityNotFoundError: for `answer ?? entityNotFound(...)`. */
export function entityNotFound(stream: string, asOf?: string): never {
  throw new EntityNotFoundError(stream, asOf);
}
