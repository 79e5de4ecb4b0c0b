// Specification of decideWith's routing of the member's time zone: a plan's and a commitment's "today" is the member's.
import { applyTo, decideWith, emptyStates } from './decide-with';
import type { DomainEvent } from './domain-events';
import { ADMIN, commitmentAdded, implementationStarted, milestoneAdded, planDrafted, planEndorsed, planSubmitted, memberRegistered } from './testing/fixtures';

describe('decideWith', () => {
  // 06:00 on 5 January in Semarang (UTC+7) is 23:00 on 4 January in UTC.
  const early = { now: '2022-01-04T23:00:00Z', actor: ADMIN };
  const statesIn = (timeZone: string) => {
    let states = applyTo(emptyStates(), 'member-semarang', [{ ...memberRegistered, data: { ...memberRegistered.data, timeZone } } as DomainEvent]);
    states = applyTo(states, 'plan-plan-1', [planDrafted, planEndorsed, planSubmitted, implementationStarted]);
    return applyTo(states, 'commitment-c-1', [commitmentAdded, milestoneAdded]);
  };
  const claim = { type: 'ReportProgress', data: { commitmentId: 'c-1', claimId: 'p-1', milestoneId: 'm-1', completion: 'Limited', asOf: '2022-01-05', narrative: 'Begun', evidence: [] } } as const;

  describe('when the member keeps Asia/Jakarta time', () => {
    it('lets a commitment’s claim speak about the member’s today', () => {
      expect(decideWith(claim, statesIn('Asia/Jakarta'), early)).toMatchObject([{ type: 'ProgressReported', data: { effectiveAt: '2022-01-05' } }]);
    });
    it('lets a plan be submitted on the member’s today', () => {
      const states = applyTo(statesIn('Asia/Jakarta'), 'plan-plan-2', [{ ...planDrafted, data: { ...planDrafted.data, planId: 'plan-2' } } as DomainEvent]);
      expect(decideWith({ type: 'SubmitActionPlan', data: { planId: 'plan-2', submittedOn: '2022-01-05' } }, states, early)).toHaveLength(1);
    });
  });
  describe('when the member keeps UTC', () => {
    it('refuses the same claim: it is still 4 January there', () => {
      expect(() => decideWith(claim, statesIn('UTC'), early)).toThrow('A claim made on 2022-01-04 in UTC cannot speak about 2022-01-05');
    });
  });
});
