// Scripted command sequences (the Semarang demo) and a pure in-memory runner that feeds them through the deciders.
import { applyTo, decideWith, emptyStates, type DomainStates } from '../decide-with';
import { streamOf, type DomainCommand } from '../domain-commands';
import type { DomainEvent } from '../domain-events';
import type { HistoryEvent } from '../obligations/history';
import type { Actor } from '../shared/context';
import type { IsoInstant } from '../shared/dates';

/** One scripted step: what the application needs to issue the command as that actor at that instant. */
export interface DemoStep {
  readonly at: IsoInstant;
  readonly actor: Actor & { readonly role: 'admin' | 'reviewer' };
  readonly command: DomainCommand;
  /** True when the step is invented for the demo (dates, milestones, claims, reviews); false for public facts. */
  readonly illustrative: boolean;
  /** Where a fact comes from, or what in it is uncertain. */
  readonly note?: string;
}

export interface ScriptRun {
  /** Every event as the application would store it: id `<stream>:<revision>`, recorded at the step's instant. */
  readonly history: (HistoryEvent & DomainEvent)[];
  readonly states: DomainStates;
}


/** Runs a script step by step; a step the domain refuses throws its DomainError (scripts must be valid). */
export function runScript(steps: readonly DemoStep[]): ScriptRun {
  let states = emptyStates();
  const history: (HistoryEvent & DomainEvent)[] = [];
  const revisions = new Map<string, number>();
  for (const step of steps) {
    const stream = streamOf(step.command);
    const events = decideWith(step.command, states, { now: step.at, actor: step.actor });
    states = applyTo(states, stream, events);
    for (const event of events) {
      const revision = revisions.get(stream) ?? 0;
      revisions.set(stream, revision + 1);
      history.push({ ...event, id: `${stream}:${revision}`, recordedAt: step.at, stream });
    }
  }
  return { history, states };
}
