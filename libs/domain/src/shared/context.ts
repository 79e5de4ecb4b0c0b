// What every decision receives besides command and state: the time, the actor and the member's time zone, passed in
// (the domain has no clock).
import type { IsoInstant, TimeZone } from './dates';

export const ROLES = ['admin', 'reviewer', 'auditor', 'system'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  readonly id: string;
  readonly role: Role;
}

export interface DecisionContext {
  /** When the command is issued (ISO instant); the effective time of events with no business time of their own. */
  readonly now: IsoInstant;
  readonly actor: Actor;
  /** The member's time zone: "today" is `now`'s date there (UTC when absent). */
  readonly timeZone?: TimeZone;
}

/** A decider in the Emmett sense: three plain functions, no base class. */
export interface Decider<State, Command, Event, Context extends DecisionContext> {
  readonly initialState: () => State;
  /** Returns the events the command causes, or throws a DomainError. */
  readonly decide: (command: Command, state: State, context: Context) => Event[];
  /** Pure and total: never throws, never mutates its arguments. */
  readonly evolve: (state: State, event: Event) => State;
}
