// How each commitment event changes the commitment's state (pure, total: unknown or misplaced events change nothing).
import { ignoreEvent } from '../shared/exhaustive';
import { claimIndex, putClaimAt, withClaimAt } from './claim-index';
import type { CommitmentEvent } from './events';
import type { Commitment, CommitmentState, Milestone, ProgressClaim } from './state';
import { TERM_FIELDS, type CommitmentTerms } from './terms';

/**
 * How evolve writes a commitment's lists: as copies (evolveCommitment: the states before stay as they were), or in
 * place (evolveCommitmentInPlace). Only the lists differ: a copy costs their length, so a fold of many events over a
 * commitment with many claims would cost events x claims.
 */
interface ListWrites {
  claimAt(claims: readonly ProgressClaim[], at: number, claim: ProgressClaim): readonly ProgressClaim[];
  milestoneAt(milestones: readonly Milestone[], at: number, milestone: Milestone): readonly Milestone[];
}

const COPYING: ListWrites = {
  claimAt: withClaimAt,
  milestoneAt: (milestones, at, milestone) => {
    const next = milestones.slice();
    next[at] = milestone;
    return next;
  },
};

const IN_PLACE: ListWrites = {
  claimAt: putClaimAt,
  milestoneAt: (milestones, at, milestone) => {
    (milestones as Milestone[])[at] = milestone;
    return milestones;
  },
};

function withMilestone(state: Commitment, milestoneId: string, change: (m: Milestone) => Milestone, writes: ListWrites): Commitment {
  const i = state.milestones.findIndex((m) => m.milestoneId === milestoneId);
  return i < 0 ? state : { ...state, milestones: writes.milestoneAt(state.milestones, i, change(state.milestones[i]!)) };
}

/** The claim's given version changed; a review of another version (or of no claim) changes nothing. */
function withClaim(state: Commitment, claimId: string, version: number, change: (c: ProgressClaim) => ProgressClaim, writes: ListWrites): Commitment {
  const i = claimIndex(state.claims, claimId);
  const claim = state.claims[i];
  if (claim === undefined || claim.version !== version) return state;
  return { ...state, claims: writes.claimAt(state.claims, i, change(claim)) };
}

function termsOf(data: CommitmentTerms): CommitmentTerms {
  return Object.fromEntries(TERM_FIELDS.map((f) => [f, data[f]])) as unknown as CommitmentTerms;
}

export function evolveCommitment(state: CommitmentState, event: CommitmentEvent): CommitmentState {
  return evolveWith(state, event, COPYING);
}

/**
 * The same state as evolveCommitment, but its milestone and claim lists are changed in place: for a fold over a
 * state that nothing else holds (an as-of read folding from a snapshot it has just parsed), where copying them for
 * every event would cost events x claims. Never call it on a state anyone else may still read.
 */
export function evolveCommitmentInPlace(state: CommitmentState, event: CommitmentEvent): CommitmentState {
  return evolveWith(state, event, IN_PLACE);
}

function evolveWith(state: CommitmentState, event: CommitmentEvent, writes: ListWrites): CommitmentState {
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
      return { ...state, milestones: writes.milestoneAt(state.milestones, state.milestones.length, { milestoneId: d.milestoneId, title: d.title, startDate: d.startDate, dueDate: d.dueDate, status: 'Active' }) };
    }
    case 'MilestoneRescheduled':
      return withMilestone(state, event.data.milestoneId, (m) => ({ ...m, startDate: event.data.startDate, dueDate: event.data.dueDate }), writes);
    case 'MilestoneWithdrawn':
      return withMilestone(state, event.data.milestoneId, (m) => ({ ...m, status: 'Withdrawn' }), writes);
    case 'ProgressReported': {
      const d = event.data;
      const claim: ProgressClaim = {
        claimId: d.claimId, milestoneId: d.milestoneId, version: d.version, completion: d.completion, asOf: d.effectiveAt, narrative: d.narrative,
        evidence: d.evidence, claimedBy: d.claimedBy, late: d.late, review: { status: 'Submitted', reviewerId: null, reason: null },
      };
      // A new version of a claim takes its place; a new claim comes last.
      const i = claimIndex(state.claims, d.claimId);
      return { ...state, claims: writes.claimAt(state.claims, i < 0 ? state.claims.length : i, claim) };
    }
    case 'ClaimVerified':
      return withClaim(state, event.data.claimId, event.data.version, (c) => ({ ...c, review: { status: 'Verified', reviewerId: event.data.reviewerId, reason: event.data.reason } }), writes);
    case 'ClaimDisputed':
      return withClaim(state, event.data.claimId, event.data.version, (c) => ({ ...c, review: { status: 'Disputed', reviewerId: event.data.reviewerId, reason: event.data.reason } }), writes);
    case 'EvidenceRequested':
      return withClaim(state, event.data.claimId, event.data.version, (c) => ({ ...c, review: { status: 'Evidence Requested', reviewerId: event.data.reviewerId, reason: event.data.request } }), writes);
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
