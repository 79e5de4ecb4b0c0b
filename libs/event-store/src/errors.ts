// Typed errors of the event store port, with stable codes that the API maps to problem+json.
import type { ExpectedRevision } from './port';

export class WrongExpectedVersionError extends Error {
  readonly code = 'event-store.wrong-expected-version';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** Actual last revision, or 'no_stream' when the stream does not exist. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** Event ids already stored with different content: not a retry but a clash. */
export class DuplicateEventIdError extends Error {
  readonly code = 'event-store.duplicate-event-id';
  constructor(readonly eventId: string, readonly stream: string) {
    super(`Event id ${eventId} is already stored with different content (stream ${stream})`);
    this.name = 'DuplicateEventIdError';
  }
}

export class InvalidEventError extends Error {
  readonly code = 'event-store.invalid-event';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}
