// The expected-revision rule shared by adapters: does the stream's current revision satisfy the expectation?
import { WrongExpectedVersionError } from './errors';
import type { ExpectedRevision } from './port';

/** `current` is the last revision, or null when the stream does not exist. */
export function checkExpectation(stream: string, expected: ExpectedRevision, current: bigint | null): void {
  const ok = satisfies(expected, current);
  if (!ok) throw new WrongExpectedVersionError(stream, expected, current ?? 'no_stream');
}

function satisfies(expected: ExpectedRevision, current: bigint | null): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === null;
    case 'exists':
      return current !== null;
    default:
      if (typeof expected !== 'bigint') {
        const unknown: never = expected;
        throw new TypeError(`Unknown expected revision ${String(unknown)}`);
      }
      return current === expected;
  }
}
