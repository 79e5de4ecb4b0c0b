// A small given/when/then helper for decider specs: given past events, when a command, then events or an error code.
import type { Decider, DecisionContext } from '../shared/context';
import { DomainError, type ErrorCode } from '../shared/errors';

/** JSON with sorted keys, so that two values compare equal whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export class SpecFailure extends Error {
  override name = 'SpecFailure';
}

type Outcome<E> = { events: E[] } | { error: unknown };

export interface Then<E> {
  /** The command is accepted and produces exactly these events. */
  then(expected: E[]): E[];
  /** The command is accepted; returns its events for further checks. */
  thenAccepted(): E[];
  /** The command is refused with a DomainError of this code. */
  thenFails(code: ErrorCode): DomainError;
}

export function deciderSpec<S, C, E, X extends DecisionContext>(decider: Decider<S, C, E, X>) {
  return {
    given(history: readonly E[]) {
      const state = history.reduce(decider.evolve, decider.initialState());
      return {
        state,
        when(command: C, context: X): Then<E> {
          let outcome: Outcome<E>;
          try {
            outcome = { events: decider.decide(command, state, context) };
          } catch (error) {
            outcome = { error };
          }
          const accepted = (): E[] => {
            if ('error' in outcome) {
              const e = outcome.error;
              throw new SpecFailure(`Expected the command to be accepted, but it failed with ${e instanceof DomainError ? `${e.code}: ${e.message}` : String(e)}`);
            }
            return outcome.events;
          };
          return {
            thenAccepted: accepted,
            then(expected) {
              const events = accepted();
              if (stableJson(events) !== stableJson(expected)) {
                throw new SpecFailure(`Expected events\n${stableJson(expected)}\nbut got\n${stableJson(events)}`);
              }
              return events;
            },
            thenFails(code) {
              if (!('error' in outcome)) throw new SpecFailure(`Expected ${code}, but the command was accepted with ${stableJson(outcome.events)}`);
              const e = outcome.error;
              if (!(e instanceof DomainError)) throw new SpecFailure(`Expected DomainError ${code}, got ${String(e)}`);
              if (e.code !== code) throw new SpecFailure(`Expected ${code}, got ${e.code}: ${e.message}`);
              return e;
            },
          };
        },
      };
    },
  };
}
