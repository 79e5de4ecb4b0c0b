// How each commitment event changes the commitment's state (pure, total: unknown or misplaced events change nothing).
import { ignoreEvent } from '../shared/exhaustive';
import { claimIndex, withClaimAt } from './claim-index';
import type { CommitmentEvent } from './events';
import type { Commitment, CommitmentState, Milestone, ProgressClaim } from './state';
import { TERM_FIELDS, type CommitmentTerms } from './terms';

function withMilestone(state: Commitment, milestoneId: string, change: (m: Milestone) => Milestone): Commitment {
  return { ...state, milestones: state.milestones.map((m) => (m.milestoneId === milestoneId ? change(m) : m)) };
}

/** The claim's given version changed; a review of another version (or of no claim) changes nothing. */
function withClaim(state: Commitment, claimId: string, version: number, change: (c: ProgressClaim) => ProgressClaim): Commitment {
  const i = claimIndex(state.claims, claimId);
  const claim = state.claims[i];
  if (claim === undefined || claim.version !== version) return state;
  return { ...state, claims: withClaimAt(state.claims, i, change(claim)) };
}

function termsOf(data: CommitmentTerms): CommitmentTerms {
  return Object.fromEntries(TERM_FIELDS.map((f) => [f, data[f]])) as unknown as CommitmentTerms;
}

export function evolveCommitment(state: CommitmentState, event: CommitmentEvent): CommitmentState {
  if (event.type === 'CommitmentAdded') {
    // Misplaced on an existing commitment (the decider never writes it twice), it changes nothing: it used to start
    // the commitment over, dropping its milestones and claims.
    if (state !== null) return state;
    const d = event.data;
    return { commitmentId: d.commitmentId, memberId: d.memberId, planId: d.planId, terms: termsOf(d), status: 'Active', planRevision: d.planRevision, milestones: [], claims: [], design: null, endOfCommitment: null };
  }
  if (state === null) return state;
  switch (event.type) {
    case 'CommitmentRevised':
      return { ...state, terms: { ...state.terms, ...event.data.after } };
    case 'CommitmentWithdrawn':
      return { ...state, status: 'Withdrawn' };
    case 'MilestoneAdded': {
      const d = event.data;
      return { ...state, milestones: [...state.milestones, { milestoneId: d.milestoneId, title: d.title, startDate: d.startDate, dueDate: d.dueDate, status: 'Active' }] };
    }
    case 'MilestoneRescheduled':
      return withMilestone(state, event.data.milestoneId, (m) => ({ ...m, startDate: event.data.startDate, dueDate: event.data.dueDate }));
    case 'MilestoneWithdrawn':
      return withMilestone(state, event.data.milestoneId, (m) => ({ ...m, status: 'Withdrawn' }));
    case 'ProgressReported': {
      const d = event.data;
      const claim: ProgressClaim = {
        claimId: d.claimId, milestoneId: d.milestoneId, version: d.version, completion: d.completion, asOf: d.effectiveAt, narrative: d.narrative,
        evidence: d.evidence, claimedBy: d.claimedBy, late: d.late, review: { status: 'Submitted', reviewerId: null, reason: null },
      };
      // A new version of a claim takes its place; a new claim comes last.
      const i = claimIndex(state.claims, d.claimId);
      return { ...state, claims: withClaimAt(state.claims, i < 0 ? state.claims.length : i, claim) };
    }
    case 'ClaimVerified':
      return withClaim(state, event.data.claimId, event.data.version, (c) => ({ ...c, review: { status: 'Verified', reviewerId: event.data.reviewerId, reason: event.data.reason } }));
    case 'ClaimDisputed':
      return withClaim(state, event.data.claimId, event.data.version, (c) => ({ ...c, review: { status: 'Disputed', reviewerId: event.data.reviewerId, reason: event.data.reason } }));
    case 'EvidenceRequested':
      return withClaim(state, event.data.claimId, event.data.version, (c) => ({ ...c, review: { status: 'Evidence Requested', reviewerId: event.data.reviewerId, reason: event.data.request } }));
    case 'DesignAssessed': {
      const d = event.data;
      return { ...state, design: { assessedOn: d.effectiveAt, reviewerId: d.reviewerId, verifiability: d.verifiability, relevance: d.relevance, potentialForResults: d.potentialForResults } };
    }
    case 'EndOfCommitmentAssessed': {
      const d = event.data;
      return { ...state, endOfCommitment: { assessedOn: d.effectiveAt, reviewerId: d.reviewerId, completion: d.completion, didItOpenGovernment: d.didItOpenGovernment, evidence: d.evidence } };
    }
    default:
      return ignoreEvent(event, state);
  }
}
