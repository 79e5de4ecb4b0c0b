// Deciding a command against the states it depends on, and folding events into those states: the one routing of
// commands to deciders, used by the application layer and by the pure script runner alike.
import type { CommitmentCommand } from './commitment/commands';
import { commitmentDecider } from './commitment/decider';
import type { CommitmentState } from './commitment/state';
import { isMemberCommand, isPlanCommand, type DomainCommand } from './domain-commands';
import type { DomainEvent } from './domain-events';
import { memberDecider } from './member/decider';
import type { MemberState } from './member/state';
import { planDecider } from './plan/decider';
import type { PlanState } from './plan/state';
import type { DecisionContext } from './shared/context';

/** States of streams, by entity id. */
export interface DomainStates {
  readonly members: Record<string, MemberState>;
  readonly plans: Record<string, PlanState>;
  readonly commitments: Record<string, CommitmentState>;
}

export function emptyStates(): DomainStates {
  return { members: {}, plans: {}, commitments: {} };
}

/**
 * Decides one command against the states it needs (the stream's own, plus the member for plan commands, and the
 * plan and its member for commitment commands), as the application layer does; returns the events without applying
 * them. The other plans of the member and the other commitments of the plan found in `states` are the siblings some
 * rules compare with (one plan at a time, one commitment per OGP id): the application puts there those it read.
 */
export function decideWith(command: DomainCommand, states: DomainStates, context: DecisionContext): DomainEvent[] {
  // "Today" is a day in the member's time zone: the member's state, for commitments through their plan, says which.
  const inZoneOf = (member: MemberState | undefined): DecisionContext => (member ? { ...context, timeZone: member.timeZone } : context);
  if (isMemberCommand(command)) {
    const member = states.members[command.data.memberId] ?? null;
    return memberDecider.decide(command, member, inZoneOf(member ?? undefined));
  }
  if (isPlanCommand(command)) {
    const plan = states.plans[command.data.planId] ?? null;
    const memberId = command.type === 'DraftActionPlan' ? command.data.memberId : plan?.memberId;
    const member = memberId === undefined ? null : (states.members[memberId] ?? null);
    const memberPlans = Object.values(states.plans).filter((p): p is NonNullable<PlanState> => p !== null && p.memberId === memberId && p.planId !== command.data.planId);
    return planDecider.decide(command, plan, { ...inZoneOf(member ?? undefined), member, memberPlans });
  }
  const c = command as CommitmentCommand;
  const commitment = states.commitments[c.data.commitmentId] ?? null;
  const planId = c.type === 'AddCommitment' ? c.data.planId : commitment?.planId;
  const plan = planId === undefined ? null : (states.plans[planId] ?? null);
  const planCommitments = Object.values(states.commitments).filter((s): s is NonNullable<CommitmentState> => s !== null && s.planId === planId && s.commitmentId !== c.data.commitmentId);
  return commitmentDecider.decide(c, commitment, { ...inZoneOf(plan ? (states.members[plan.memberId] ?? undefined) : undefined), plan, planCommitments });
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
