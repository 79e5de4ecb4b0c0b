// Exhaustiveness checks for switches over discriminated unions: adding a case without handling it fails to compile.
import { fail } from './errors';

/** In decide(): a command type nobody handles is rejected (only reachable from untyped callers). */
export function unknownCommand(command: never): never {
  return fail('value.invalid', `Unknown command type ${String((command as { type?: unknown }).type)}`);
}

/** In evolve(): an event type this aggregate does not know leaves the state as it is (evolve is total). */
export function ignoreEvent<S>(_event: never, state: S): S {
  return state;
}
