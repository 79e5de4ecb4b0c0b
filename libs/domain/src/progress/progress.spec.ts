// Specification of the progress roll-up formula: milestone -> commitment -> plan.
import type { CommitmentEvent } from '../commitment/events';
import type { Commitment } from '../commitment/state';
import { commitment, commitmentAdded, milestone2Added, milestoneAdded, NOW, progressReported } from '../testing/fixtures';
import { commitmentProgress, latestClaim, levelOf, planProgress } from './progress';

type Reported = Extract<CommitmentEvent, { type: 'ProgressReported' }>;
const claim = (milestoneId: string, completion: Reported['data']['completion'], asOf: string, claimId = `${milestoneId}-${asOf}`): CommitmentEvent => ({
  ...progressReported, data: { ...progressReported.data, milestoneId, claimId, completion, effectiveAt: asOf },
});
const state = (...events: CommitmentEvent[]): Commitment => {
  const s = commitment(commitmentAdded, milestoneAdded, milestone2Added, ...events);
  if (s === null) throw new Error('no commitment');
  return s;
};

describe('progress', () => {
  it('gives No Evidence Available and 0 to milestones without claims', () => {
    const p = commitmentProgress(state());
    expect(p).toMatchObject({ ratio: 0, level: 'No Evidence Available' });
    expect(p.milestones.map((m) => m.completion)).toEqual(['No Evidence Available', 'No Evidence Available']);
  });
  it('scores Limited 1/3, Substantial 2/3, Complete 1 and averages milestones equally', () => {
    expect(commitmentProgress(state(claim('m-1', 'Complete', '2022-01-05'), claim('m-2', 'Limited', '2022-02-01'))).ratio).toBeCloseTo(2 / 3);
    expect(commitmentProgress(state(claim('m-1', 'Substantial', '2022-01-05'))).ratio).toBeCloseTo(1 / 3);
  });
  it('takes the latest claim by as-of date', () => {
    const p = commitmentProgress(state(claim('m-1', 'Complete', '2022-02-01'), claim('m-1', 'Limited', '2022-01-01')));
    expect(p.milestones[0]).toMatchObject({ completion: 'Complete', claimId: 'm-1-2022-02-01' });
  });
  it('ignores disputed claims, falling back to the previous one', () => {
    const disputed: CommitmentEvent = { type: 'ClaimDisputed', data: { commitmentId: 'c-1', claimId: 'm-1-2022-02-01', version: 1, reviewerId: 'r', reason: 'x', effectiveAt: NOW } };
    const p = commitmentProgress(state(claim('m-1', 'Limited', '2022-01-01'), claim('m-1', 'Complete', '2022-02-01'), disputed));
    expect(p.milestones[0]).toMatchObject({ completion: 'Limited' });
  });
  it('still tells the latest claim, disputed or not, apart from the one the roll-up counts', () => {
    // given a Limited claim, then a later Complete one that a reviewer disputed
    const disputed: CommitmentEvent = { type: 'ClaimDisputed', data: { commitmentId: 'c-1', claimId: 'm-1-2022-02-01', version: 1, reviewerId: 'r', reason: 'x', effectiveAt: NOW } };
    const commitment = state(claim('m-1', 'Limited', '2022-01-01'), claim('m-1', 'Complete', '2022-02-01'), disputed, claim('m-2', 'Limited', '2021-12-01'));
    // then the latest claim of m-1 is the disputed one, and m-2's is its only claim
    expect(latestClaim(commitment.claims, 'm-1')).toMatchObject({ claimId: 'm-1-2022-02-01', review: { status: 'Disputed' } });
    expect(latestClaim(commitment.claims, 'm-2')).toMatchObject({ claimId: 'm-2-2021-12-01' });
    expect(latestClaim(state().claims, 'm-1')).toBeNull();
  });
  it('names the commitment by OGP id and title, and each milestone by title and due date', () => {
    // given a commitment with two milestones and no claim
    // when its progress is rolled up
    const p = commitmentProgress(state());
    // then a reader of the roll-up alone knows what each item is
    expect(p).toMatchObject({ commitmentId: 'c-1', ogpId: 'IDSMG0001', title: 'Semarang Satu Data' });
    expect(p.milestones.map(({ milestoneId, title, dueDate }) => ({ milestoneId, title, dueDate }))).toEqual([
      { milestoneId: 'm-1', title: 'Regulation issued', dueDate: '2021-12-31' },
      { milestoneId: 'm-2', title: 'Portal launched', dueDate: '2022-09-30' },
    ]);
    // and a withdrawn commitment is named too
    expect(commitmentProgress({ ...state(), status: 'Withdrawn' })).toMatchObject({ ogpId: 'IDSMG0001', title: 'Semarang Satu Data', level: 'Withdrawn' });
  });
  it('shows a disputed latest claim beside the completion that no longer counts it', () => {
    // given a single Limited claim on m-1 that a reviewer disputed, and an undisputed claim on m-2
    const disputed: CommitmentEvent = { type: 'ClaimDisputed', data: { commitmentId: 'c-1', claimId: 'm-1-2024-03-01', version: 1, reviewerId: 'r', reason: 'no sign of it', effectiveAt: NOW } };
    // when the progress is rolled up
    const p = commitmentProgress(state(claim('m-1', 'Limited', '2024-03-01'), disputed, claim('m-2', 'Substantial', '2024-02-01')));
    // then m-1 reads as never evidenced, and its latest claim says the city claimed Limited and OGP disputed it
    expect(p.milestones[0]).toMatchObject({
      completion: 'No Evidence Available', claimId: null, verified: false,
      latestClaim: { claimId: 'm-1-2024-03-01', completion: 'Limited', asOf: '2024-03-01', reviewStatus: 'Disputed', late: false },
    });
    // and m-2's latest claim is the one its completion comes from, waiting for review
    expect(p.milestones[1]).toMatchObject({ completion: 'Substantial', claimId: 'm-2-2024-02-01', latestClaim: { claimId: 'm-2-2024-02-01', reviewStatus: 'Submitted' } });
  });
  it('shows the disputed latest claim while the roll-up falls back to an earlier one', () => {
    // given a Limited claim, then a later Complete one that a reviewer disputed
    const disputed: CommitmentEvent = { type: 'ClaimDisputed', data: { commitmentId: 'c-1', claimId: 'm-1-2022-02-01', version: 1, reviewerId: 'r', reason: 'x', effectiveAt: NOW } };
    // when the progress is rolled up
    const m1 = commitmentProgress(state(claim('m-1', 'Limited', '2022-01-01'), claim('m-1', 'Complete', '2022-02-01'), disputed)).milestones[0]!;
    // then the completion is the earlier claim's, and the latest claim is the disputed one
    expect(m1).toMatchObject({ completion: 'Limited', claimId: 'm-1-2022-01-01', latestClaim: { claimId: 'm-1-2022-02-01', completion: 'Complete', reviewStatus: 'Disputed' } });
  });
  it('gives no latest claim for a milestone nobody reported on', () => {
    expect(commitmentProgress(state()).milestones.map((m) => m.latestClaim)).toEqual([null, null]);
  });
  it('marks whether the claim speaking for a milestone is verified', () => {
    const verified: CommitmentEvent = { type: 'ClaimVerified', data: { commitmentId: 'c-1', claimId: 'm-1-2022-02-01', version: 1, reviewerId: 'r', reason: 'x', effectiveAt: NOW } };
    expect(commitmentProgress(state(claim('m-1', 'Complete', '2022-02-01'), verified)).milestones[0]!.verified).toBe(true);
  });
  it('leaves withdrawn milestones out of the mean', () => {
    const withdrawn: CommitmentEvent = { type: 'MilestoneWithdrawn', data: { commitmentId: 'c-1', milestoneId: 'm-2', reason: 'x', effectiveAt: NOW } };
    expect(commitmentProgress(state(claim('m-1', 'Complete', '2022-01-05'), withdrawn))).toMatchObject({ ratio: 1, level: 'Complete' });
  });
  it('averages commitments equally into the plan, leaving withdrawn ones out', () => {
    const done = state(claim('m-1', 'Complete', '2022-01-05'), claim('m-2', 'Complete', '2022-01-05'));
    const half = state(claim('m-1', 'Complete', '2022-01-05'));
    const gone = { ...state(), commitmentId: 'c-3', status: 'Withdrawn' as const };
    const p = planProgress([done, { ...half, commitmentId: 'c-2' }, gone]);
    expect(p.ratio).toBeCloseTo(0.75);
    expect(p.level).toBe('Substantial');
    expect(p.commitments.map((c) => c.level)).toEqual(['Complete', 'Limited', 'Withdrawn']);
  });
  it('answers ratios and scores to four decimals, and judges levels on the exact values', () => {
    // given one of two milestones Substantial (2/3): the commitment stands at 1/3
    const p = commitmentProgress(state(claim('m-1', 'Substantial', '2022-01-05')));
    // then the numbers read as a person would write them, and the level is reckoned before rounding
    expect(p.milestones.map((m) => m.score)).toEqual([0.6667, 0]);
    expect(p).toMatchObject({ ratio: 0.3333, level: 'Limited' });
    const twoThirds = commitmentProgress(state(claim('m-1', 'Complete', '2022-01-05'), claim('m-2', 'Limited', '2022-01-05')));
    expect(twoThirds).toMatchObject({ ratio: 0.6667, level: 'Substantial' });
    expect(planProgress([state(claim('m-1', 'Complete', '2022-01-05'), claim('m-2', 'Limited', '2022-01-05'))])).toMatchObject({ ratio: 0.6667, level: 'Substantial' });
  });
  it('tells a late latest claim, and lists the plan\'s commitments in OGP\'s order whatever order they come in', () => {
    // given a claim recorded after the plan ended
    const late = { ...claim('m-1', 'Limited', '2024-03-01'), data: { ...(claim('m-1', 'Limited', '2024-03-01') as Reported).data, late: true } } as CommitmentEvent;
    expect(commitmentProgress(state(late)).milestones[0]!.latestClaim).toMatchObject({ late: true });
    // given three commitments, the one without an OGP id first
    const named = (commitmentId: string, ogpId: string | null, title: string): Commitment => ({ ...state(), commitmentId, terms: { ...state().terms, ogpId, title } });
    const p = planProgress([named('c-9', null, 'Added later'), named('c-2', 'IDSMG0002', 'B'), named('c-1', 'IDSMG0001', 'A')]);
    expect(p.commitments.map((c) => c.commitmentId)).toEqual(['c-1', 'c-2', 'c-9']);
  });
  it('maps ratios back to OGP’s scale', () => {
    expect([levelOf(0, false), levelOf(0, true), levelOf(0.1, true), levelOf(2 / 3, true), levelOf(1, true)]).toEqual(['No Evidence Available', 'Not Started', 'Limited', 'Substantial', 'Complete']);
  });
});
