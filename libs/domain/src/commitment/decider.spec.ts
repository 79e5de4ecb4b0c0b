// Specification of the commitment decider for terms and milestones: adding, revising, withdrawing, rescheduling, freezing.
import { deciderSpec } from '../testing/given-when-then';
import { abandonedPlan, ADMIN, commitment, commitmentAdded, draftPlan, endedPlan, implementingPlan, milestone2Added, milestoneAdded, NOW, progressReported, REVIEWER, submittedPlan, terms, withPlan } from '../testing/fixtures';
import type { CommitmentCommand } from './commands';
import { commitmentDecider } from './decider';
import type { CommitmentEvent } from './events';

const spec = deciderSpec(commitmentDecider);
const add: CommitmentCommand = { type: 'AddCommitment', data: terms };
const addMilestone = (startDate: string, dueDate: string, milestoneId = 'm-9'): CommitmentCommand => ({ type: 'AddMilestone', data: { commitmentId: 'c-1', milestoneId, title: 'Datasets published', startDate, dueDate } });
const reschedule = (startDate: string, dueDate: string, reason = 'Regulation delayed'): CommitmentCommand => ({ type: 'RescheduleMilestone', data: { commitmentId: 'c-1', milestoneId: 'm-1', startDate, dueDate, reason } });
const revise = (changes: Extract<CommitmentCommand, { type: 'ReviseCommitment' }>['data']['changes'], reason = 'Forum asked for it'): CommitmentCommand => ({ type: 'ReviseCommitment', data: { commitmentId: 'c-1', changes, reason } });
const withdrawn: CommitmentEvent = { type: 'CommitmentWithdrawn', data: { commitmentId: 'c-1', reason: 'Merged', effectiveAt: NOW } };
const milestoneWithdrawn: CommitmentEvent = { type: 'MilestoneWithdrawn', data: { commitmentId: 'c-1', milestoneId: 'm-1', reason: 'Dropped', effectiveAt: NOW } };

describe('commitment', () => {
  describe('when the plan is a Draft', () => {
    it('adds a commitment with its OGP id as an external reference, carrying the plan and member ids', () => {
      spec.given([]).when(add, withPlan(draftPlan, ADMIN, '2021-06-02T03:00:00Z')).then([commitmentAdded]);
    });
    it('accepts a commitment OGP has not numbered yet', () => {
      spec.given([]).when({ type: 'AddCommitment', data: { ...terms, ogpId: null } }, withPlan(draftPlan)).thenAccepted();
    });
    it('refuses an OGP id that does not follow OGP’s pattern', () => {
      spec.given([]).when({ type: 'AddCommitment', data: { ...terms, ogpId: 'SMG-1' } }, withPlan(draftPlan)).thenFails('ogp-id.invalid');
    });
    it('refuses a value that is not one of OGP’s four', () => {
      spec.given([]).when({ type: 'AddCommitment', data: { ...terms, values: ['Open Data' as never] } }, withPlan(draftPlan)).thenFails('value.invalid');
    });
    it('refuses a period outside the plan’s', () => {
      spec.given([]).when({ type: 'AddCommitment', data: { ...terms, endMonth: '2024-01' } }, withPlan(draftPlan)).thenFails('commitment.outside-plan');
    });
    it('refuses an unknown plan, an existing commitment and a reviewer', () => {
      spec.given([]).when(add, withPlan(null)).thenFails('plan.not-found');
      spec.given([commitmentAdded]).when(add, withPlan(draftPlan)).thenFails('commitment.already-exists');
      spec.given([]).when(add, withPlan(draftPlan, REVIEWER)).thenFails('actor.forbidden-role');
    });
    it('refuses a missing problem statement', () => {
      spec.given([]).when({ type: 'AddCommitment', data: { ...terms, problem: ' ' } }, withPlan(draftPlan)).thenFails('field.required');
    });
  });

  describe('when the plan is submitted', () => {
    it('refuses adding a commitment without a reason', () => {
      spec.given([]).when(add, withPlan(submittedPlan)).thenFails('reason.required');
    });
    it('adds a commitment as a revision of the plan when a reason is given', () => {
      const [event] = spec.given([]).when({ type: 'AddCommitment', data: { ...terms, reason: 'Forum agreed a sixth commitment' } }, withPlan(implementingPlan)).thenAccepted();
      expect(event).toMatchObject({ type: 'CommitmentAdded', data: { planRevision: true, reason: 'Forum agreed a sixth commitment' } });
    });
  });

  describe('when the commitment is active', () => {
    it('folds a misplaced second CommitmentAdded as nothing, keeping its milestones and claims', () => {
      const active = commitment(commitmentAdded, milestoneAdded, progressReported);
      expect(commitmentDecider.evolve(active, commitmentAdded)).toBe(active);
    });
    const given = [commitmentAdded, milestoneAdded];
    it('revises terms keeping old and new values of the changed fields and the reason', () => {
      spec.given(given).when(revise({ action: 'Build a portal and train stewards', ogpId: 'IDSMG0001' }), withPlan(implementingPlan)).then([
        { type: 'CommitmentRevised', data: { commitmentId: 'c-1', before: { action: 'Build a portal' }, after: { action: 'Build a portal and train stewards' }, reason: 'Forum asked for it', effectiveAt: NOW } },
      ]);
    });
    it('refuses a revision without a reason', () => {
      spec.given(given).when(revise({ action: 'Other' }, ''), withPlan(implementingPlan)).thenFails('reason.required');
    });
    it('refuses a revision that changes nothing', () => {
      spec.given(given).when(revise({ action: 'Build a portal' }), withPlan(implementingPlan)).thenFails('commitment.no-change');
    });
    it('compares terms by value, whatever the order of their keys (as the store gives them back sorted)', () => {
      const { government, civilSociety } = terms.supportingInstitutions;
      const reordered = { ...commitmentAdded, data: { ...commitmentAdded.data, supportingInstitutions: { civilSociety, government } } } as CommitmentEvent;
      spec.given([reordered, milestoneAdded]).when(revise({ supportingInstitutions: { government, civilSociety } }), withPlan(implementingPlan)).thenFails('commitment.no-change');
    });
    it('refuses a revision that would leave a milestone outside the period', () => {
      spec.given(given).when(revise({ startMonth: '2022-01' }), withPlan(implementingPlan)).thenFails('milestone.outside-commitment');
    });
    it('withdraws the commitment with a reason, and not without', () => {
      spec.given(given).when({ type: 'WithdrawCommitment', data: { commitmentId: 'c-1', reason: 'Merged' } }, withPlan(implementingPlan)).then([withdrawn]);
      spec.given(given).when({ type: 'WithdrawCommitment', data: { commitmentId: 'c-1', reason: '' } }, withPlan(implementingPlan)).thenFails('reason.required');
    });
    it('adds a milestone inside the period, the period’s first and last days included', () => {
      spec.given(given).when(addMilestone('2021-08-01', '2022-12-31'), withPlan(implementingPlan)).then([
        { type: 'MilestoneAdded', data: { commitmentId: 'c-1', milestoneId: 'm-9', title: 'Datasets published', startDate: '2021-08-01', dueDate: '2022-12-31', effectiveAt: NOW } },
      ]);
    });
    it('refuses a milestone starting before the commitment', () => {
      const outside = spec.given(given).when(addMilestone('2021-07-31', '2021-12-31'), withPlan(implementingPlan)).thenFails('milestone.outside-commitment');
      expect(outside.message).toMatch(/^Milestone "Datasets published" \(2021-07-31 to 2021-12-31\) lies outside/);
    });
    it('refuses a milestone due after the commitment ends', () => {
      spec.given(given).when(addMilestone('2022-01-01', '2023-01-01'), withPlan(implementingPlan)).thenFails('milestone.outside-commitment');
    });
    it('refuses a milestone due before it starts, with an invalid date, or with an existing id', () => {
      spec.given(given).when(addMilestone('2022-05-01', '2022-04-30'), withPlan(implementingPlan)).thenFails('date.out-of-order');
      spec.given(given).when(addMilestone('2022-04-31', '2022-05-30'), withPlan(implementingPlan)).thenFails('date.invalid');
      spec.given(given).when(addMilestone('2022-01-01', '2022-05-30', 'm-1'), withPlan(implementingPlan)).thenFails('milestone.already-exists');
    });
    it('reschedules a milestone keeping the old dates and the reason', () => {
      spec.given(given).when(reschedule('2021-08-01', '2022-03-31'), withPlan(implementingPlan)).then([
        { type: 'MilestoneRescheduled', data: { commitmentId: 'c-1', milestoneId: 'm-1', previous: { startDate: '2021-08-01', dueDate: '2021-12-31' }, startDate: '2021-08-01', dueDate: '2022-03-31', reason: 'Regulation delayed', effectiveAt: NOW } },
      ]);
    });
    it('refuses a reschedule without a reason, outside the period, or to the same dates', () => {
      spec.given(given).when(reschedule('2021-08-01', '2022-03-31', ' '), withPlan(implementingPlan)).thenFails('reason.required');
      spec.given(given).when(reschedule('2021-08-01', '2023-03-31'), withPlan(implementingPlan)).thenFails('milestone.outside-commitment');
      const same = spec.given(given).when(reschedule('2021-08-01', '2021-12-31'), withPlan(implementingPlan)).thenFails('milestone.no-change');
      expect(same.message).toBe('Milestone "Regulation issued" already runs 2021-08-01 to 2021-12-31');
    });
    it('refuses a reschedule of an unknown milestone', () => {
      spec.given([commitmentAdded]).when(reschedule('2021-08-01', '2022-03-31'), withPlan(implementingPlan)).thenFails('milestone.not-found');
    });
    it('withdraws a milestone with a reason', () => {
      spec.given(given).when({ type: 'WithdrawMilestone', data: { commitmentId: 'c-1', milestoneId: 'm-1', reason: 'Dropped' } }, withPlan(implementingPlan)).then([milestoneWithdrawn]);
    });
    it('refuses withdrawing a milestone twice and rescheduling a withdrawn one', () => {
      spec.given([...given, milestoneWithdrawn]).when({ type: 'WithdrawMilestone', data: { commitmentId: 'c-1', milestoneId: 'm-1', reason: 'Again' } }, withPlan(implementingPlan)).thenFails('milestone.withdrawn');
      spec.given([...given, milestoneWithdrawn]).when(reschedule('2021-08-01', '2022-03-31'), withPlan(implementingPlan)).thenFails('milestone.withdrawn');
    });
    it('refuses changes by a reviewer', () => {
      spec.given(given).when(addMilestone('2022-01-01', '2022-05-30'), withPlan(implementingPlan, REVIEWER)).thenFails('actor.forbidden-role');
    });
  });

  describe('when the commitment is withdrawn', () => {
    const given = [commitmentAdded, milestoneAdded, withdrawn];
    it('refuses every change', () => {
      spec.given(given).when(revise({ action: 'Other' }), withPlan(implementingPlan)).thenFails('commitment.withdrawn');
      spec.given(given).when(addMilestone('2022-01-01', '2022-05-30'), withPlan(implementingPlan)).thenFails('commitment.withdrawn');
      spec.given(given).when({ type: 'WithdrawCommitment', data: { commitmentId: 'c-1', reason: 'Again' } }, withPlan(implementingPlan)).thenFails('commitment.withdrawn');
    });
  });

  describe('when the plan has ended', () => {
    const given = [commitmentAdded, milestoneAdded, milestone2Added];
    it('freezes terms and milestones', () => {
      spec.given([]).when({ type: 'AddCommitment', data: { ...terms, reason: 'Late' } }, withPlan(endedPlan)).thenFails('plan.ended');
      spec.given(given).when(revise({ action: 'Other' }), withPlan(endedPlan)).thenFails('plan.ended');
      spec.given(given).when(addMilestone('2022-01-01', '2022-05-30'), withPlan(endedPlan)).thenFails('plan.ended');
      spec.given(given).when(reschedule('2021-08-01', '2022-03-31'), withPlan(endedPlan)).thenFails('plan.ended');
      spec.given(given).when({ type: 'WithdrawMilestone', data: { commitmentId: 'c-1', milestoneId: 'm-1', reason: 'x' } }, withPlan(endedPlan)).thenFails('plan.ended');
      spec.given(given).when({ type: 'WithdrawCommitment', data: { commitmentId: 'c-1', reason: 'x' } }, withPlan(endedPlan)).thenFails('plan.ended');
    });
  });

  describe('OGP ids within a plan', () => {
    const base = commitment(commitmentAdded)!;
    const sibling = (status: 'Active' | 'Withdrawn') => ({ ...base, commitmentId: 'c-0', status, terms: { ...base.terms, title: 'Portal data' } });
    const withSiblings = (...planCommitments: ReturnType<typeof sibling>[]) => ({ ...withPlan(draftPlan), planCommitments });
    it('refuses a second commitment with an OGP id the plan already has, unless that one was withdrawn', () => {
      const taken = spec.given([]).when({ type: 'AddCommitment', data: terms }, withSiblings(sibling('Active'))).thenFails('commitment.ogp-id-taken');
      expect(taken.message).toBe('Commitment "Portal data" (c-0) of this plan is IDSMG0001 already');
      spec.given([]).when({ type: 'AddCommitment', data: terms }, withSiblings(sibling('Withdrawn'))).thenAccepted();
      spec.given([]).when({ type: 'AddCommitment', data: { ...terms, ogpId: null } }, withSiblings({ ...sibling('Active'), terms: { ...base.terms, ogpId: null } })).thenAccepted();
    });
    it('refuses a revision to an OGP id another commitment of the plan has', () => {
      const other = { ...sibling('Active'), terms: { ...base.terms, ogpId: 'IDSMG0002' } };
      spec.given([commitmentAdded]).when(revise({ ogpId: 'IDSMG0002' }), { ...withPlan(implementingPlan), planCommitments: [other] }).thenFails('commitment.ogp-id-taken');
      spec.given([commitmentAdded]).when(revise({ ogpId: 'IDSMG0003' }), { ...withPlan(implementingPlan), planCommitments: [other] }).thenAccepted();
    });
  });

  describe('when the plan was abandoned as a draft', () => {
    const given = [commitmentAdded, milestoneAdded, milestone2Added];
    it('refuses every change to its commitments and milestones', () => {
      spec.given([]).when({ type: 'AddCommitment', data: terms }, withPlan(abandonedPlan)).thenFails('plan.abandoned');
      spec.given(given).when(revise({ action: 'Other' }), withPlan(abandonedPlan)).thenFails('plan.abandoned');
      spec.given(given).when(addMilestone('2022-01-01', '2022-05-30'), withPlan(abandonedPlan)).thenFails('plan.abandoned');
      spec.given(given).when(reschedule('2021-08-01', '2022-03-31'), withPlan(abandonedPlan)).thenFails('plan.abandoned');
      spec.given(given).when({ type: 'WithdrawCommitment', data: { commitmentId: 'c-1', reason: 'x' } }, withPlan(abandonedPlan)).thenFails('plan.abandoned');
    });
  });

  describe('when the commitment does not exist', () => {
    it('refuses commands addressed to it', () => {
      spec.given([]).when(revise({ action: 'x' }), withPlan(implementingPlan)).thenFails('commitment.not-found');
    });
  });
});
