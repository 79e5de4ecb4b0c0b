// Scripted command sequences (the Semarang demo) and a pure in-memory runner that feeds them through the deciders.
import type { CommitmentCommand } from '../commitment/commands';
import { commitmentDecider } from '../commitment/decider';
import type { CommitmentState } from '../commitment/state';
import { isMemberCommand, isPlanCommand, streamOf, type DomainCommand } from '../domain-commands';
import type { DomainEvent } from '../domain-events';
import { memberDecider } from '../member/decider';
import type { MemberState } from '../member/state';
import type { HistoryEvent } from '../obligations/history';
import { planDecider } from '../plan/decider';
import type { PlanState } from '../plan/state';
import type { Actor, DecisionContext } from '../shared/context';
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

/** States of every stream a script touched, by id. */
export interface DomainStates {
  readonly members: Record<string, MemberState>;
  readonly plans: Record<string, PlanState>;
  readonly commitments: Record<string, CommitmentState>;
}

export interface ScriptRun {
  /** Every event as the application would store it: id `<stream>:<revision>`, recorded at the step's instant. */
  readonly history: (HistoryEvent & DomainEvent)[];
  readonly states: DomainStates;
}

export function emptyStates(): DomainStates {
  return { members: {}, plans: {}, commitments: {} };
}

/**
 * Decides one command against the states it needs (the stream's own, plus the member for plan commands and the
 * plan for commitment commands), as the application layer does; returns the events without applying them.
 */
export function decideWith(command: DomainCommand, states: DomainStates, context: DecisionContext): DomainEvent[] {
  if (isMemberCommand(command)) return memberDecider.decide(command, states.members[command.data.memberId] ?? null, context);
  if (isPlanCommand(command)) {
    const plan = states.plans[command.data.planId] ?? null;
    const memberId = command.type === 'DraftActionPlan' ? command.data.memberId : plan?.memberId;
    return planDecider.decide(command, plan, { ...context, member: memberId === undefined ? null : (states.members[memberId] ?? null) });
  }
  const c = command as CommitmentCommand;
  const commitment = states.commitments[c.data.commitmentId] ?? null;
  const planId = c.type === 'AddCommitment' ? c.data.planId : commitment?.planId;
  return commitmentDecider.decide(c, commitment, { ...context, plan: planId === undefined ? null : (states.plans[planId] ?? null) });
}

/** Applies events of one stream to the states (returns new states; the old ones are untouched). */
export function applyTo(states: DomainStates, stream: string, events: readonly DomainEvent[]): DomainStates {
  const [kind, ...rest] = stream.split('-');
  const id = rest.join('-');
  const next = { members: { ...states.members }, plans: { ...states.plans }, commitments: { ...states.commitments } };
  for (const event of events) {
    if (kind === 'member') next.members[id] = memberDecider.evolve(next.members[id] ?? null, event as Parameters<typeof memberDecider.evolve>[1]);
    else if (kind === 'plan') next.plans[id] = planDecider.evolve(next.plans[id] ?? null, event as Parameters<typeof planDecider.evolve>[1]);
    else next.commitments[id] = commitmentDecider.evolve(next.commitments[id] ?? null, event as Parameters<typeof commitmentDecider.evolve>[1]);
  }
  return next;
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
