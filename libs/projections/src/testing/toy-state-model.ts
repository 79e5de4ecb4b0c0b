// A toy EntityStateModel for this library's specs: counts events and keeps a few fields, independent of the domain.
import type { EntityStateModel, FoldEvent } from '../entity-state/state-model';
import type { EntityKind } from '../streams';

export interface ToyState {
  kind: EntityKind;
  events: number;
  memberId: string | null;
  planId: string | null;
  status: string | null;
  title: string | null;
  milestones: { id: string; title: string; dueDate: string }[];
  claims: { id: string; milestoneId: string; completion: string; effectiveAt: string }[];
}

function str(event: FoldEvent, key: string): string | null {
  const v = event.data[key];
  return typeof v === 'string' ? v : null;
}

export const toyStateModel: EntityStateModel = {
  initialState(kind) {
    const s: ToyState = { kind, events: 0, memberId: null, planId: null, status: null, title: null, milestones: [], claims: [] };
    return s;
  },
  evolve(_kind, state, event) {
    const s = { ...(state as ToyState) };
    s.events++;
    s.memberId = str(event, 'memberId') ?? s.memberId;
    s.planId = str(event, 'planId') ?? s.planId;
    s.status = str(event, 'status') ?? s.status;
    s.title = str(event, 'title') ?? s.title;
    if (event.type === 'MilestoneAdded') {
      s.milestones = [...s.milestones, { id: str(event, 'milestoneId')!, title: str(event, 'title')!, dueDate: str(event, 'dueDate')! }];
    }
    // A list replaced by another (no domain event does so today, but a model may): the claim list starts over.
    if (event.type === 'ClaimsReset') s.claims = [];
    if (event.type === 'ProgressClaimed') {
      // As the domain does: a claim id already held is a new version, replaced in place; otherwise appended.
      const claim = { id: str(event, 'claimId')!, milestoneId: str(event, 'milestoneId')!, completion: str(event, 'completion')!, effectiveAt: str(event, 'effectiveAt')! };
      const held = s.claims.some((c) => c.id === claim.id);
      s.claims = held ? s.claims.map((c) => (c.id === claim.id ? claim : c)) : [...s.claims, claim];
    }
    return s;
  },
  columns(_kind, state) {
    const s = state as ToyState;
    return { memberId: s.memberId, planId: s.planId, status: s.status, title: s.title };
  },
  childLists(state) {
    const s = state as ToyState;
    return { milestones: s.milestones, claims: s.claims };
  },
  milestoneRow(milestone) {
    const m = milestone as ToyState['milestones'][number];
    return { milestoneId: m.id, title: m.title, status: null, startDate: null, dueDate: m.dueDate, state: m };
  },
  claimRow(claim) {
    const c = claim as ToyState['claims'][number];
    return { claimId: c.id, milestoneId: c.milestoneId, completion: c.completion, status: 'submitted', effectiveAt: c.effectiveAt, state: c };
  },
  needsUpcast(type, schemaVersion) {
    // The upcasting spec registers PlanRevised v1 -> v2.
    return type === 'PlanRevised' && schemaVersion < 2;
  },
  claimsProperty: 'claims',
};
