// The binding of the entity-state read model to @ogp/domain: the domain's own initial states and evolve functions
// (no second model of the domain), and how its states map to queryable columns, milestone and claim rows.
import {
  type Commitment,
  type CommitmentEvent,
  type CommitmentState,
  commitmentDecider,
  commitmentProgress,
  evolveCommitmentInPlace,
  EVENT_SCHEMA_VERSIONS,
  latestClaim,
  type MemberEvent,
  type Milestone,
  type MemberState,
  memberDecider,
  type PlanEvent,
  type PlanState,
  planDecider,
  type ProgressClaim,
} from '@ogp/domain';
import type { EntityKind } from '../streams';
import type { ClaimRow, CommitmentCountField, CommitmentRecord, CommitmentRecordMapper, EntityColumns, EntityStateModel, FoldEvent, MilestoneRow } from './state-model';

/**
 * A stored event as the domain's event union. The store validated its shape on append and the domain's evolve is
 * total (it ignores types it does not know), so the read model passes type and data through without re-validating.
 */
function asDomainEvent<E>(event: FoldEvent): E {
  return { type: event.type, data: event.data } as unknown as E;
}

/** The domain's current schema version by event type, as a Map: a rebuild asks once per event. */
const CURRENT_VERSIONS = new Map<string, number>(Object.entries(EVENT_SCHEMA_VERSIONS));

const NO_COLUMNS: EntityColumns = { memberId: null, planId: null, status: null, title: null };
const NO_CHILDREN = { milestones: [], claims: [] } as const;

export const domainStateModel: EntityStateModel = {
  initialState(kind: EntityKind): unknown {
    switch (kind) {
      case 'member':
        return memberDecider.initialState();
      case 'plan':
        return planDecider.initialState();
      case 'commitment':
        return commitmentDecider.initialState();
      default: {
        const never: never = kind;
        throw new Error(`Unknown entity kind ${String(never)}`);
      }
    }
  },

  evolve(kind: EntityKind, state: unknown, event: FoldEvent): unknown {
    switch (kind) {
      case 'member':
        return memberDecider.evolve(state as MemberState, asDomainEvent<MemberEvent>(event));
      case 'plan':
        return planDecider.evolve(state as PlanState, asDomainEvent<PlanEvent>(event));
      case 'commitment':
        return commitmentDecider.evolve(state as CommitmentState, asDomainEvent<CommitmentEvent>(event));
      default: {
        const never: never = kind;
        throw new Error(`Unknown entity kind ${String(never)}`);
      }
    }
  },

  evolveInPlace(kind: EntityKind, state: unknown, event: FoldEvent): unknown {
    // Only a commitment's lists grow with its history; members and plans evolve as usual.
    return kind === 'commitment' ? evolveCommitmentInPlace(state as CommitmentState, asDomainEvent<CommitmentEvent>(event)) : this.evolve(kind, state, event);
  },

  columns(kind: EntityKind, state: unknown): EntityColumns {
    if (state === null) return NO_COLUMNS;
    switch (kind) {
      case 'member': {
        const m = state as NonNullable<MemberState>;
        return { memberId: m.memberId, planId: null, status: m.status, title: m.name };
      }
      case 'plan': {
        const p = state as NonNullable<PlanState>;
        return { memberId: p.memberId, planId: p.planId, status: p.status, title: p.title };
      }
      case 'commitment': {
        const c = state as Commitment;
        return { memberId: c.memberId, planId: c.planId, status: c.status, title: c.terms.title };
      }
      default: {
        const never: never = kind;
        throw new Error(`Unknown entity kind ${String(never)}`);
      }
    }
  },

  childLists(state: unknown): { milestones: readonly unknown[]; claims: readonly unknown[] } {
    const c = state as CommitmentState;
    return c === null ? NO_CHILDREN : { milestones: c.milestones, claims: c.claims };
  },

  milestoneRow(milestone: unknown): MilestoneRow {
    const m = milestone as Milestone;
    return { milestoneId: m.milestoneId, title: m.title, status: m.status, startDate: m.startDate, dueDate: m.dueDate, state: m };
  },

  claimRow(claim: unknown): ClaimRow {
    const k = claim as ProgressClaim;
    return { claimId: k.claimId, milestoneId: k.milestoneId, completion: k.completion, status: k.review.status, effectiveAt: k.asOf, state: k };
  },

  needsUpcast(type: string, schemaVersion: number): boolean {
    return schemaVersion < (CURRENT_VERSIONS.get(type) ?? 0);
  },

  claimsProperty: 'claims',
};

function list(values: readonly string[]): string {
  return values.join('; ');
}

/**
 * How the commitment's active milestones stand in review, by their latest claim (disputed or not, latestClaim): the
 * roll-up's own claim (currentClaim) skips a disputed one, and a spreadsheet reader would then never see the dispute.
 */
function milestoneReviewCounts(c: Commitment): Record<CommitmentCountField, number> {
  const counts = { 'Active Milestones': 0, 'Milestones Verified': 0, 'Milestones Disputed': 0, 'Milestones Awaiting Review': 0 };
  for (const m of c.milestones) {
    if (m.status !== 'Active') continue;
    counts['Active Milestones']++;
    const status = latestClaim(c.claims, m.milestoneId)?.review.status ?? null;
    switch (status) {
      case 'Verified':
        counts['Milestones Verified']++;
        break;
      case 'Disputed':
        counts['Milestones Disputed']++;
        break;
      case 'Submitted':
      case 'Evidence Requested':
        counts['Milestones Awaiting Review']++;
        break;
      case null:
        break;
      default: {
        const never: never = status;
        throw new Error(`Unknown review status ${String(never)}`);
      }
    }
  }
  return counts;
}

/**
 * A commitment in OGP's spreadsheet fields. Completion is OGP's verdict (the end-of-commitment assessment, empty
 * before one, or Withdrawn); Reported Progress is what the city's claims say (the roll-up the progress read shows),
 * kept apart so that a reader never takes a self-report for a verdict. Commitment ID is OGP's id only (empty until
 * OGP assigns one): a generated id there would look like one of OGP's to whoever matches rows with OGP's
 * spreadsheets. Ledger ID is ours, always set. Member is the member's name, as a reader knows the city (its id when
 * the member is unknown); Member ID is the id the API and the CLI take.
 */
function toCommitmentRecord(commitment: unknown, plan: unknown, member: unknown = null): CommitmentRecord {
  const c = commitment as Commitment;
  const p = plan as PlanState;
  const m = member as MemberState;
  const t = c.terms;
  return {
    'Commitment ID': t.ogpId ?? '',
    Title: t.title,
    'Action Plan': p === null ? c.planId : `${p.title} (${p.periodStart} – ${p.periodEnd})`,
    'Commitment Start': t.startMonth,
    'Commitment End': t.endMonth,
    'Institutions involved': list([t.leadInstitution, ...t.supportingInstitutions.government, ...t.supportingInstitutions.civilSociety]),
    'Primary Policy Area': t.policyArea,
    'OGP Value': list(t.values),
    Problem: t.problem,
    'Status quo': t.statusQuo,
    Action: t.action,
    Objective: t.objective,
    Completion: c.status === 'Withdrawn' ? 'Withdrawn' : (c.endOfCommitment?.completion ?? ''),
    'Reported Progress': c.status === 'Withdrawn' ? 'Withdrawn' : commitmentProgress(c).level,
    // A draft's commitments, and an abandoned draft's, are not (yet) OGP's: the plan's status says which rows are.
    'Action Plan Status': p?.status ?? '',
    'Ledger ID': c.commitmentId,
    Member: m?.name ?? c.memberId,
    'Member ID': c.memberId,
    ...milestoneReviewCounts(c),
  };
}

/** The mapper, with where the export finds a plan's first month and a commitment's OGP id in their stored states. */
export const commitmentRecord: CommitmentRecordMapper & typeof toCommitmentRecord = Object.assign(toCommitmentRecord, {
  sortPaths: { planStart: '$.periodStart', ogpId: '$.terms.ogpId' },
});
