// Specification of evolveCommitmentInPlace against evolveCommitment: the same states from any history, folded from
// any snapshot, with the snapshot's source left as it was.
import fc from 'fast-check';
import type { CommitmentEvent } from './events';
import { evolveCommitment, evolveCommitmentInPlace } from './evolve';
import type { CommitmentState } from './state';

const added: CommitmentEvent = {
  type: 'CommitmentAdded',
  data: {
    commitmentId: 'c-1', planId: 'p-1', memberId: 'm', planRevision: false, reason: null, effectiveAt: '2021-06-01T00:00:00Z', ogpId: null, title: 'Open budget', problem: 'p',
    statusQuo: 's', action: 'a', objective: 'o', values: ['Access to Information'], leadInstitution: 'Bappeda', supportingInstitutions: { government: [], civilSociety: [] },
    policyArea: 'Open data', startMonth: '2021-08', endMonth: '2022-12',
  },
};

const milestoneId = fc.constantFrom('m-1', 'm-2', 'm-3');
// Past 64 claim ids the claim list keeps an index: the histories cross that size.
const claimId = fc.integer({ min: 0, max: 90 }).map((n) => `k-${n}`);
const version = fc.integer({ min: 1, max: 3 });
const review = (type: 'ClaimVerified' | 'ClaimDisputed' | 'EvidenceRequested') =>
  fc.tuple(claimId, version).map(([id, v]): CommitmentEvent => {
    const base = { commitmentId: 'c-1', claimId: id, version: v, reviewerId: 'r', effectiveAt: '2022-01-01T00:00:00Z' };
    return type === 'EvidenceRequested' ? { type, data: { ...base, request: 'more' } } : { type, data: { ...base, reason: 'checked' } };
  });

const event: fc.Arbitrary<CommitmentEvent> = fc.oneof(
  milestoneId.map((id): CommitmentEvent => ({ type: 'MilestoneAdded', data: { commitmentId: 'c-1', milestoneId: id, title: id, startDate: '2021-08-01', dueDate: '2021-12-31', effectiveAt: '2021-06-01T00:00:00Z' } })),
  milestoneId.map((id): CommitmentEvent => ({
    type: 'MilestoneRescheduled',
    data: { commitmentId: 'c-1', milestoneId: id, previous: { startDate: '2021-08-01', dueDate: '2021-12-31' }, startDate: '2021-09-01', dueDate: '2022-03-31', reason: 'late', effectiveAt: '2021-07-01T00:00:00Z' },
  })),
  milestoneId.map((id): CommitmentEvent => ({ type: 'MilestoneWithdrawn', data: { commitmentId: 'c-1', milestoneId: id, reason: 'merged', effectiveAt: '2021-07-01T00:00:00Z' } })),
  { arbitrary: fc.tuple(claimId, milestoneId, version).map(([id, m, v]): CommitmentEvent => ({
    type: 'ProgressReported',
    data: { commitmentId: 'c-1', milestoneId: m, claimId: id, version: v, completion: 'Limited', narrative: `v${v}`, evidence: [], claimedBy: 'a', late: false, effectiveAt: '2022-01-01' },
  })), weight: 6 },
  review('ClaimVerified'),
  review('ClaimDisputed'),
  review('EvidenceRequested'),
  fc.constant<CommitmentEvent>({ type: 'CommitmentWithdrawn', data: { commitmentId: 'c-1', reason: 'dropped', effectiveAt: '2022-06-01T00:00:00Z' } }),
);

describe('commitment evolve', () => {
  describe('when folding in place from a snapshot', () => {
    it('gives the state the copying evolve gives, and leaves the snapshot’s source untouched', () => {
      fc.assert(
        fc.property(fc.array(event, { maxLength: 300 }), fc.nat(), (events, cut) => {
          const history = [added, ...events];
          const at = cut % history.length;
          const before = history.slice(0, at).reduce(evolveCommitment, null as CommitmentState);
          const frozen = JSON.stringify(before);
          // As an as-of read does: the snapshot parsed into a state of its own, the rest folded into it in place.
          const own = JSON.parse(frozen) as CommitmentState;
          const inPlace = history.slice(at).reduce(evolveCommitmentInPlace, own);
          const copied = history.slice(at).reduce(evolveCommitment, before);
          expect(inPlace).toEqual(copied);
          expect(JSON.stringify(before)).toBe(frozen);
        }),
        { numRuns: 300 },
      );
    });
  });
});
