// Specification of progress claims and reviews on a commitment: evidence, versions, who may review, assessments.
import { deciderSpec } from '../testing/given-when-then';
import { abandonedPlan, ADMIN, commitmentAdded, draftPlan, endedPlan, evidence, implementingPlan, milestone2Added, milestoneAdded, NOW, progressReported, REVIEWER, submittedPlan, withPlan } from '../testing/fixtures';
import type { Actor } from '../shared/context';
import type { Evidence } from '../shared/evidence';
import type { ClaimedCompletion, OgpValue } from '../shared/scales';
import type { CommitmentCommand } from './commands';
import { commitmentDecider } from './decider';
import type { CommitmentEvent } from './events';

const spec = deciderSpec(commitmentDecider);
const given = [commitmentAdded, milestoneAdded, milestone2Added];
const report = (completion: ClaimedCompletion, ev: readonly Evidence[] = evidence, over: Partial<Extract<CommitmentCommand, { type: 'ReportProgress' }>['data']> = {}): CommitmentCommand => ({
  type: 'ReportProgress',
  data: { commitmentId: 'c-1', claimId: 'p-1', milestoneId: 'm-1', completion, asOf: '2022-01-05', narrative: 'Issued', evidence: ev, ...over },
});
const review = (type: 'VerifyClaim' | 'DisputeClaim', version = 1, reason = 'Checked'): CommitmentCommand => ({ type, data: { commitmentId: 'c-1', claimId: 'p-1', version, reason } });
const requestEvidence: CommitmentCommand = { type: 'RequestEvidence', data: { commitmentId: 'c-1', claimId: 'p-1', version: 1, request: 'Add the signed copy' } };
const verified: CommitmentEvent = { type: 'ClaimVerified', data: { commitmentId: 'c-1', claimId: 'p-1', version: 1, reviewerId: 'reviewer-1', reason: 'Checked', effectiveAt: NOW } };
const ctx = (actor: Actor = ADMIN) => withPlan(implementingPlan, actor);
const allValues = (v: string) => Object.fromEntries(['Access to Information', 'Civic Participation', 'Public Accountability', 'Technology and Innovation for Transparency and Accountability'].map((k) => [k, v])) as Record<OgpValue, never>;

describe('commitment progress claims', () => {
  describe('when a milestone is active', () => {
    it('records a claim effective on its as-of date, naming who made it', () => {
      spec.given(given).when(report('Complete'), ctx()).then([progressReported]);
    });
    it('requires evidence for Substantial and Complete claims', () => {
      spec.given(given).when(report('Complete', []), ctx()).thenFails('claim.evidence-required');
      spec.given(given).when(report('Substantial', []), ctx()).thenFails('claim.evidence-required');
    });
    it('accepts Limited and Not Started claims without evidence', () => {
      spec.given(given).when(report('Limited', []), ctx()).thenAccepted();
      spec.given(given).when(report('Not Started', []), ctx()).thenAccepted();
    });
    it('refuses to amend a claim that does not exist, rather than take a mistyped id for a new claim', () => {
      spec.given(given).when(report('Limited', [], { claimId: 'p-9', amends: true }), ctx()).thenFails('claim.not-found');
      spec.given([...given, progressReported]).when(report('Complete', evidence, { amends: true, narrative: 'Signed copy' }), ctx()).thenAccepted();
    });
    it('refuses an as-of date before the commitment starts', () => {
      spec.given(given).when(report('Limited', [], { asOf: '2021-07-31' }), ctx()).thenFails('claim.as-of-before-commitment');
      spec.given(given).when(report('Limited', [], { asOf: '2021-08-01' }), ctx()).thenAccepted();
    });
    it('refuses completion levels a city cannot claim', () => {
      spec.given(given).when(report('Withdrawn' as ClaimedCompletion), ctx()).thenFails('value.invalid');
    });
    it('refuses evidence without an http(s) url or with a malformed SHA-256, and keeps a good one', () => {
      spec.given(given).when(report('Complete', [{ url: 'data.semarangkota.go.id', title: 'Portal', sha256: null }]), ctx()).thenFails('evidence.invalid');
      spec.given(given).when(report('Complete', [{ url: 'https://x.org/a.pdf', title: 'A', sha256: 'ABC' }]), ctx()).thenFails('evidence.invalid');
      const sha256 = 'a'.repeat(64);
      const [event] = spec.given(given).when(report('Complete', [{ url: 'https://x.org/a.pdf', title: 'A', sha256 }]), ctx()).thenAccepted();
      expect(event).toMatchObject({ data: { evidence: [{ sha256 }] } });
    });
    it('refuses an as-of date after the day the claim is made, and an invalid one', () => {
      spec.given(given).when(report('Complete', evidence, { asOf: '2022-03-02' }), ctx()).thenFails('claim.as-of-in-future');
      spec.given(given).when(report('Complete', evidence, { asOf: '2022-1-5' }), ctx()).thenFails('date.invalid');
    });
    it('refuses a claim while the plan is a Draft, and accepts one once it is submitted', () => {
      spec.given(given).when(report('Limited', []), withPlan(draftPlan, ADMIN)).thenFails('plan.invalid-transition');
      spec.given(given).when(report('Limited', []), withPlan(submittedPlan, ADMIN)).thenAccepted();
    });
    it('refuses a claim by a reviewer', () => {
      spec.given(given).when(report('Complete'), ctx(REVIEWER)).thenFails('actor.forbidden-role');
    });
    it('refuses a claim on an unknown milestone', () => {
      spec.given(given).when(report('Complete', evidence, { milestoneId: 'm-7' }), ctx()).thenFails('milestone.not-found');
    });
    it('makes a new version when the same claim is reported again', () => {
      const [event] = spec.given([...given, progressReported]).when(report('Complete', evidence, { narrative: 'Signed copy' }), ctx()).thenAccepted();
      expect(event).toMatchObject({ type: 'ProgressReported', data: { claimId: 'p-1', version: 2 } });
    });
    it('refuses a new version about another milestone', () => {
      const mismatch = spec.given([...given, progressReported]).when(report('Complete', evidence, { milestoneId: 'm-2' }), ctx()).thenFails('claim.milestone-mismatch');
      expect(mismatch.message).toBe('Claim p-1 speaks about milestone "Regulation issued" (m-1), not m-2: a new version keeps its milestone');
    });
  });

  describe('when a claim version repeats the current one', () => {
    const asked: CommitmentEvent = { type: 'EvidenceRequested', data: { commitmentId: 'c-1', claimId: 'p-1', version: 1, reviewerId: 'reviewer-1', request: 'Add the signed copy', effectiveAt: NOW } };
    it('refuses it as a change that changes nothing (a resent body without Idempotency-Key)', () => {
      // Given version 1 of claim p-1; when the same body is reported again; then nothing is recorded
      spec.given([...given, progressReported]).when(report('Complete'), ctx()).thenFails('claim.no-change');
      spec.given([...given, progressReported]).when(report('Complete', evidence, { amends: true }), ctx()).thenFails('claim.no-change');
      expect(() => commitmentDecider.decide(report('Complete'), [...given, progressReported].reduce(commitmentDecider.evolve, null), ctx()))
        .toThrow('Version 1 of claim p-1 already says this');
    });
    it('compares with the current version, not the first', () => {
      // Given v1 Complete and v2 Limited; when v1's body is sent again; then it is a new version (v3), taking Complete back up
      const v2: CommitmentEvent = { ...progressReported, data: { ...progressReported.data, version: 2, completion: 'Limited', evidence: [] } };
      const [event] = spec.given([...given, progressReported, v2]).when(report('Complete'), ctx()).thenAccepted();
      expect(event).toMatchObject({ data: { version: 3, completion: 'Complete' } });
      spec.given([...given, progressReported, v2]).when(report('Limited', []), ctx()).thenFails('claim.no-change');
    });
    it('accepts a version that changes only one of completion, asOf, narrative or evidence', () => {
      const claimed = [...given, progressReported];
      spec.given(claimed).when(report('Substantial'), ctx()).thenAccepted();
      spec.given(claimed).when(report('Complete', evidence, { asOf: '2022-01-06' }), ctx()).thenAccepted();
      spec.given(claimed).when(report('Complete', evidence, { narrative: 'Issued and signed' }), ctx()).thenAccepted();
      spec.given(claimed).when(report('Complete', [{ ...evidence[0]!, sha256: 'a'.repeat(64) }]), ctx()).thenAccepted();
      spec.given(claimed).when(report('Complete', [...evidence, { url: 'https://x.org/signed.pdf', title: 'Signed copy', sha256: null }]), ctx()).thenAccepted();
    });
    it('accepts an answer to an evidence request that changes only the evidence, and refuses one that resends the same', () => {
      // Given v1 and a reviewer asking for evidence
      const claimed = [...given, progressReported, asked];
      // When the city answers with the same completion, date and narrative and a new document: then it is v2
      const [event] = spec.given(claimed).when(report('Complete', [{ url: 'https://x.org/signed.pdf', title: 'Signed copy', sha256: null }]), ctx()).thenAccepted();
      expect(event).toMatchObject({ data: { version: 2 } });
      // When it resends v1 unchanged: then it is refused (the reviewer still has v1 to look at again)
      spec.given(claimed).when(report('Complete'), ctx()).thenFails('claim.no-change');
    });
  });

  describe('when the milestone or commitment is withdrawn', () => {
    it('refuses a claim on a withdrawn milestone', () => {
      spec.given([...given, { type: 'MilestoneWithdrawn', data: { commitmentId: 'c-1', milestoneId: 'm-1', reason: 'x', effectiveAt: NOW } }]).when(report('Complete'), ctx()).thenFails('milestone.withdrawn');
    });
    it('refuses a claim on a withdrawn commitment', () => {
      spec.given([...given, { type: 'CommitmentWithdrawn', data: { commitmentId: 'c-1', reason: 'x', effectiveAt: NOW } }]).when(report('Complete'), ctx()).thenFails('commitment.withdrawn');
    });
  });

  describe('when the plan has ended', () => {
    it('accepts a late claim, marked late', () => {
      const [event] = spec.given(given).when(report('Complete'), withPlan(endedPlan, ADMIN, '2024-01-20T03:00:00Z')).thenAccepted();
      expect(event).toMatchObject({ data: { late: true } });
    });
    it('does not mark late a claim recorded on the day the plan ended (in the member\'s zone)', () => {
      // The plan ended on 2023-12-31; 16:59 UTC is 23:59 that day in Asia/Jakarta, 17:00 UTC the next day there.
      const jakarta = (now: string) => ({ ...withPlan(endedPlan, ADMIN, now), timeZone: 'Asia/Jakarta' });
      const [onTheDay] = spec.given(given).when(report('Complete'), jakarta('2023-12-31T16:59:00Z')).thenAccepted();
      expect(onTheDay).toMatchObject({ data: { late: false } });
      const [dayAfter] = spec.given(given).when(report('Complete'), jakarta('2023-12-31T17:00:00Z')).thenAccepted();
      expect(dayAfter).toMatchObject({ data: { late: true } });
    });
  });

  describe('when the plan\'s period is over but no end is recorded yet', () => {
    // Given a plan still Implementing, its period (to 2023-12) over: the end is whenever the secretariat records it.
    it('marks late a claim recorded after the period\'s last day, as if the end had been recorded', () => {
      const [event] = spec.given(given).when(report('Complete'), withPlan(implementingPlan, ADMIN, '2024-01-20T03:00:00Z')).thenAccepted();
      expect(event).toMatchObject({ data: { late: true } });
    });
    it('does not mark late a claim recorded on the period\'s last day', () => {
      const [event] = spec.given(given).when(report('Complete'), withPlan(implementingPlan, ADMIN, '2023-12-31T12:00:00Z')).thenAccepted();
      expect(event).toMatchObject({ data: { late: false } });
    });
  });

  describe('when the plan was abandoned as a draft', () => {
    it('refuses a claim', () => {
      spec.given(given).when(report('Complete'), withPlan(abandonedPlan)).thenFails('plan.abandoned');
    });
  });
});

describe('commitment reviews', () => {
  describe('when a claim awaits review', () => {
    const claimed = [...given, progressReported];
    it('verifies it, naming the reviewer', () => {
      spec.given(claimed).when(review('VerifyClaim'), ctx(REVIEWER)).then([verified]);
    });
    it('disputes it with a reason, and not without', () => {
      spec.given(claimed).when(review('DisputeClaim', 1, 'Draft only'), ctx(REVIEWER)).then([
        { type: 'ClaimDisputed', data: { commitmentId: 'c-1', claimId: 'p-1', version: 1, reviewerId: 'reviewer-1', reason: 'Draft only', effectiveAt: NOW } },
      ]);
      spec.given(claimed).when(review('DisputeClaim', 1, ''), ctx(REVIEWER)).thenFails('reason.required');
      spec.given(claimed).when(review('VerifyClaim', 1, ''), ctx(REVIEWER)).thenFails('reason.required');
    });
    it('refuses review by an admin', () => {
      spec.given(claimed).when(review('VerifyClaim'), ctx(ADMIN)).thenFails('actor.forbidden-role');
      spec.given(claimed).when(review('DisputeClaim'), ctx(ADMIN)).thenFails('actor.forbidden-role');
      spec.given(claimed).when(requestEvidence, ctx(ADMIN)).thenFails('actor.forbidden-role');
    });
    it('refuses a reviewer reviewing their own claim', () => {
      spec.given(claimed).when(review('VerifyClaim'), ctx({ id: 'admin-1', role: 'reviewer' })).thenFails('review.own-claim');
    });
    it('refuses a review of a version not reported yet as not found, not as stale', () => {
      spec.given(claimed).when(review('VerifyClaim', 2), ctx(REVIEWER)).thenFails('claim.version-not-found');
      spec.given(claimed).when(review('DisputeClaim', 3), ctx(REVIEWER)).thenFails('claim.version-not-found');
      spec.given(claimed).when({ ...requestEvidence, data: { ...requestEvidence.data, version: 2 } } as CommitmentCommand, ctx(REVIEWER)).thenFails('claim.version-not-found');
      expect(() => commitmentDecider.decide(review('VerifyClaim', 3), claimed.reduce(commitmentDecider.evolve, null), ctx(REVIEWER))).toThrow('Claim p-1 has no version 3 (it is at version 1)');
    });
    it('refuses a review of an unknown claim', () => {
      spec.given(given).when(review('VerifyClaim'), ctx(REVIEWER)).thenFails('claim.not-found');
    });
    it('asks for more evidence', () => {
      spec.given(claimed).when(requestEvidence, ctx(REVIEWER)).then([
        { type: 'EvidenceRequested', data: { commitmentId: 'c-1', claimId: 'p-1', version: 1, reviewerId: 'reviewer-1', request: 'Add the signed copy', effectiveAt: NOW } },
      ]);
    });
  });

  describe('when a version is already verified or disputed', () => {
    const reviewed = [...given, progressReported, verified];
    it('refuses verifying or disputing the same version again', () => {
      spec.given(reviewed).when(review('VerifyClaim'), ctx({ id: 'reviewer-2', role: 'reviewer' })).thenFails('claim.already-reviewed');
      spec.given(reviewed).when(review('DisputeClaim'), ctx(REVIEWER)).thenFails('claim.already-reviewed');
      spec.given(reviewed).when(requestEvidence, ctx(REVIEWER)).thenFails('claim.already-reviewed');
    });
    it('says who reviewed it first, and that a new version can be reviewed again', () => {
      const state = reviewed.reduce(commitmentDecider.evolve, null);
      expect(() => commitmentDecider.decide(review('VerifyClaim'), state, ctx({ id: 'reviewer-2', role: 'reviewer' }))).toThrow(
        /already verified by reviewer-1: each version is reviewed once; a new version the city reports can be reviewed again$/,
      );
    });
    it('reviews the next version once the city amends the claim', () => {
      const amended: CommitmentEvent = { ...progressReported, data: { ...progressReported.data, version: 2 } };
      spec.given([...reviewed, amended]).when(review('DisputeClaim', 2, 'Link broken'), ctx(REVIEWER)).thenAccepted();
      spec.given([...reviewed, amended]).when(review('VerifyClaim', 1), ctx(REVIEWER)).thenFails('claim.stale-version');
      // and the refusal says what to do: read the new version and review it
      const state = [...reviewed, amended].reduce(commitmentDecider.evolve, null);
      expect(() => commitmentDecider.decide(review('VerifyClaim', 1), state, ctx(REVIEWER))).toThrow(/read it \(GET \/audit\/commitments\/c-1\) and review version 2$/);
    });
  });
});

describe('commitment assessments', () => {
  // Both milestones Complete by 2022-02-10: the commitment can be assessed at its end from that day on.
  const m2Complete: CommitmentEvent = { type: 'ProgressReported', data: { ...progressReported.data, milestoneId: 'm-2', claimId: 'p-2', effectiveAt: '2022-02-10' } };
  const completed = [...given, progressReported, m2Complete];
  const design = (over: Record<string, unknown> = {}): CommitmentCommand => ({
    type: 'AssessDesign',
    data: { commitmentId: 'c-1', assessedOn: '2021-10-05', verifiability: 'Verifiable', relevance: allValues('Relevant'), potentialForResults: 'Modest', ...over } as Extract<CommitmentCommand, { type: 'AssessDesign' }>['data'],
  });
  const end = (ev: readonly Evidence[] = evidence, over: Record<string, unknown> = {}): CommitmentCommand => ({
    type: 'AssessEndOfCommitment',
    data: { commitmentId: 'c-1', assessedOn: '2022-02-15', completion: 'Complete', didItOpenGovernment: { ...allValues('Not Applicable'), 'Access to Information': 'Major' }, evidence: ev, ...over } as Extract<CommitmentCommand, { type: 'AssessEndOfCommitment' }>['data'],
  });
  it('records a design assessment with relevance per OGP value', () => {
    const [event] = spec.given(given).when(design(), ctx(REVIEWER)).thenAccepted();
    expect(event).toMatchObject({ type: 'DesignAssessed', data: { reviewerId: 'reviewer-1', verifiability: 'Verifiable', potentialForResults: 'Modest', effectiveAt: '2021-10-05' } });
  });
  it('refuses a design assessment dated before its plan was submitted, and accepts one on that day', () => {
    spec.given(given).when(design({ assessedOn: '2020-01-01' }), ctx(REVIEWER)).thenFails('date.out-of-order');
    spec.given(given).when(design({ assessedOn: '1900-01-01' }), ctx(REVIEWER)).thenFails('date.before-ogp');
    spec.given(given).when(design({ assessedOn: '2021-07-29' }), ctx(REVIEWER)).thenFails('date.out-of-order');
    spec.given(given).when(design({ assessedOn: '2021-07-30' }), ctx(REVIEWER)).thenAccepted();
    expect(() => commitmentDecider.decide(design({ assessedOn: '2020-01-01' }), given.reduce(commitmentDecider.evolve, null), ctx(REVIEWER)))
      .toThrow("The design assessment of commitment IDSMG0001 predates its plan's submission: 2020-01-01 is before 2021-07-30");
  });
  it('refuses a design assessment while the plan is a draft: OGP assesses a submitted plan', () => {
    spec.given(given).when(design(), withPlan(draftPlan, REVIEWER)).thenFails('plan.invalid-transition');
    spec.given(given).when(design(), withPlan(submittedPlan, REVIEWER)).thenAccepted();
  });
  it('refuses a second design assessment rather than replace the first', () => {
    const first = commitmentDecider.decide(design(), given.reduce(commitmentDecider.evolve, null), ctx(REVIEWER));
    spec.given([...given, ...first]).when(design({ assessedOn: '2021-11-01', verifiability: 'Not verifiable' }), ctx({ id: 'lmb-1', role: 'reviewer' })).thenFails('design.already-recorded');
    expect(() => commitmentDecider.decide(design(), [...given, ...first].reduce(commitmentDecider.evolve, null), ctx(REVIEWER)))
      .toThrow('The design of commitment IDSMG0001 was assessed on 2021-10-05 by reviewer-1');
  });
  it('refuses a design assessment off OGP’s scales, missing a value, or by an admin', () => {
    spec.given(given).when(design({ verifiability: 'Yes' }), ctx(REVIEWER)).thenFails('value.invalid');
    spec.given(given).when(design({ potentialForResults: 'Transformative' }), ctx(REVIEWER)).thenFails('value.invalid');
    spec.given(given).when(design({ relevance: { 'Access to Information': 'Relevant' } }), ctx(REVIEWER)).thenFails('value.invalid');
    spec.given(given).when(design(), ctx(ADMIN)).thenFails('actor.forbidden-role');
    expect(() => commitmentDecider.decide(design(), given.reduce(commitmentDecider.evolve, null), ctx(ADMIN))).toThrow('AssessDesign is issued by a reviewer, not by an admin');
  });
  it('records an end-of-commitment assessment with "Did it open government?" per value or Not Applicable', () => {
    const [event] = spec.given(completed).when(end(), ctx(REVIEWER)).thenAccepted();
    expect(event).toMatchObject({ type: 'EndOfCommitmentAssessed', data: { completion: 'Complete', didItOpenGovernment: { 'Access to Information': 'Major', 'Civic Participation': 'Not Applicable' } } });
  });
  it('refuses an end-of-commitment assessment of a draft’s commitment, and of an abandoned draft’s, whatever the dates', () => {
    spec.given(completed).when(end(), withPlan(draftPlan, REVIEWER)).thenFails('plan.invalid-transition');
    spec.given(completed).when(end(), withPlan(abandonedPlan, REVIEWER)).thenFails('plan.abandoned');
    spec.given(given).when(design(), withPlan(abandonedPlan, REVIEWER)).thenFails('plan.abandoned');
  });
  it('accepts three evidence items and refuses four', () => {
    spec.given(completed).when(end([...evidence, ...evidence, ...evidence]), ctx(REVIEWER)).thenAccepted();
    spec.given(completed).when(end([...evidence, ...evidence, ...evidence, ...evidence]), ctx(REVIEWER)).thenFails('assessment.too-much-evidence');
  });
  it('refuses an assessment dated after the day it is recorded', () => {
    spec.given(completed).when(end(evidence, { assessedOn: '2022-03-02' }), ctx(REVIEWER)).thenFails('date.in-future');
    spec.given(given).when(design({ assessedOn: '2022-03-02' }), ctx(REVIEWER)).thenFails('date.in-future');
  });
  describe('when the commitment is not complete yet', () => {
    it('refuses an end-of-commitment assessment while a milestone has no current Complete claim and the period runs', () => {
      spec.given([...given, progressReported]).when(end(), ctx(REVIEWER)).thenFails('assessment.before-completion');
    });
    it('refuses one dated before the day the last milestone was complete', () => {
      spec.given(completed).when(end(evidence, { assessedOn: '2022-02-09' }), ctx(REVIEWER)).thenFails('assessment.before-completion');
      spec.given(completed).when(end(evidence, { assessedOn: '2022-02-10' }), ctx(REVIEWER)).thenAccepted();
    });
    it('counts a milestone whose latest claim took Complete back as open', () => {
      const limited: CommitmentEvent = { type: 'ProgressReported', data: { ...m2Complete.data, claimId: 'p-3', completion: 'Limited', effectiveAt: '2022-02-12' } };
      spec.given([...completed, limited]).when(end(), ctx(REVIEWER)).thenFails('assessment.before-completion');
    });
    it('accepts one after the period ended, complete or not', () => {
      const after = ctx(REVIEWER);
      const late = { ...after, now: '2023-01-10T03:00:00Z' };
      spec.given([...given, progressReported]).when(end(evidence, { assessedOn: '2023-01-05', completion: 'Substantial' }), late).thenAccepted();
      spec.given([...given, progressReported]).when(end(evidence, { assessedOn: '2022-12-30', completion: 'Substantial' }), late).thenFails('assessment.before-completion');
    });
  });
  it('refuses a value off the "Did it open government?" scale', () => {
    spec.given(completed).when(end(evidence, { didItOpenGovernment: allValues('Transformative') }), ctx(REVIEWER)).thenFails('value.invalid');
  });
  it('refuses a second end-of-commitment assessment', () => {
    const first = commitmentDecider.decide(end(), completed.reduce(commitmentDecider.evolve, null), ctx(REVIEWER));
    spec.given([...completed, ...first]).when(end(), ctx(REVIEWER)).thenFails('assessment.already-recorded');
  });
});
