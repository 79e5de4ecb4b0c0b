// Shared spec fixtures: contexts, a registered member, a drafted plan, a commitment with milestones and claims.
import type { AddCommitment } from '../commitment/commands';
import type { CommitmentEvent } from '../commitment/events';
import { evolveCommitment } from '../commitment/evolve';
import type { CommitmentState } from '../commitment/state';
import type { MemberEvent } from '../member/events';
import { evolveMember } from '../member/decider';
import type { PlanEvent } from '../plan/events';
import { evolvePlan } from '../plan/decider';
import type { PlanState } from '../plan/state';
import type { Actor, DecisionContext } from '../shared/context';

export const NOW = '2022-03-01T03:00:00Z';
export const ADMIN: Actor = { id: 'admin-1', role: 'admin' };
export const REVIEWER: Actor = { id: 'reviewer-1', role: 'reviewer' };

export const as = (actor: Actor, now = NOW): DecisionContext => ({ now, actor });

export const memberRegistered: MemberEvent = {
  type: 'MemberRegistered',
  data: { memberId: 'semarang', name: 'Kota Semarang', country: 'ID', cohort: 2020, partners: ['PATTIRO Semarang'], status: 'Active', timeZone: 'UTC', effectiveAt: '2021-03-01T03:00:00Z' },
};
export const memberState = evolveMember(null, memberRegistered);

export const planDrafted: PlanEvent = {
  type: 'ActionPlanDrafted',
  data: { planId: 'plan-1', memberId: 'semarang', title: 'Action plan 2021-2023', periodStart: '2021-08', periodEnd: '2023-12', effectiveAt: '2021-06-01T03:00:00Z' },
};
export const planEndorsed: PlanEvent = { type: 'ActionPlanEndorsed', data: { planId: 'plan-1', endorsedBy: ['PATTIRO Semarang'], statementUrl: null, effectiveAt: '2021-07-26' } };
export const planSubmitted: PlanEvent = { type: 'ActionPlanSubmitted', data: { planId: 'plan-1', endorsed: true, effectiveAt: '2021-07-30' } };
export const implementationStarted: PlanEvent = { type: 'ImplementationStarted', data: { planId: 'plan-1', effectiveAt: '2021-08-01' } };
export const planEnded: PlanEvent = { type: 'ActionPlanEnded', data: { planId: 'plan-1', effectiveAt: '2023-12-31' } };
export const planAbandoned: PlanEvent = { type: 'ActionPlanAbandoned', data: { planId: 'plan-1', reason: 'Drafted twice by mistake', effectiveAt: '2021-06-03T03:00:00Z' } };

export const plan = (...events: PlanEvent[]): PlanState => events.reduce(evolvePlan, null as PlanState);
export const draftPlan = plan(planDrafted);
export const submittedPlan = plan(planDrafted, planEndorsed, planSubmitted);
export const implementingPlan = plan(planDrafted, planEndorsed, planSubmitted, implementationStarted);
export const endedPlan = plan(planDrafted, planEndorsed, planSubmitted, implementationStarted, planEnded);
export const abandonedPlan = plan(planDrafted, planAbandoned);

export const terms: AddCommitment['data'] = {
  commitmentId: 'c-1', planId: 'plan-1', ogpId: 'IDSMG0001', title: 'Semarang Satu Data',
  problem: 'Scattered data', statusQuo: 'No portal', action: 'Build a portal', objective: 'One place for data',
  values: ['Access to Information'], leadInstitution: 'Diskominfo', supportingInstitutions: { government: [], civilSociety: ['PATTIRO Semarang'] },
  policyArea: 'Open data', startMonth: '2021-08', endMonth: '2022-12',
};

export const commitmentAdded: CommitmentEvent = {
  type: 'CommitmentAdded',
  data: { ...terms, reason: null, memberId: 'semarang', planRevision: false, effectiveAt: '2021-06-02T03:00:00Z' },
};
export const milestoneAdded: CommitmentEvent = {
  type: 'MilestoneAdded',
  data: { commitmentId: 'c-1', milestoneId: 'm-1', title: 'Regulation issued', startDate: '2021-08-01', dueDate: '2021-12-31', effectiveAt: '2021-06-03T03:00:00Z' },
};
export const milestone2Added: CommitmentEvent = {
  type: 'MilestoneAdded',
  data: { commitmentId: 'c-1', milestoneId: 'm-2', title: 'Portal launched', startDate: '2022-01-01', dueDate: '2022-09-30', effectiveAt: '2021-06-03T03:00:00Z' },
};
export const evidence = [{ url: 'https://data.semarangkota.go.id/', title: 'Portal', sha256: null }];
export const progressReported: Extract<CommitmentEvent, { type: 'ProgressReported' }> = {
  type: 'ProgressReported',
  data: { commitmentId: 'c-1', milestoneId: 'm-1', claimId: 'p-1', version: 1, completion: 'Complete', narrative: 'Issued', evidence, claimedBy: 'admin-1', late: false, effectiveAt: '2022-01-05' },
};

export const commitment = (...events: CommitmentEvent[]): CommitmentState => events.reduce(evolveCommitment, null as CommitmentState);
export const withPlan = (state: PlanState, actor: Actor = ADMIN, now = NOW) => ({ ...as(actor, now), plan: state });
