// What the entity-state read model needs from the domain: its evolve functions and how to read a few columns.
import type { JsonObject } from '@ogp/event-store';
import type { EntityKind } from '../streams';

/** What evolve sees of a stored event. */
export interface FoldEvent {
  readonly type: string;
  readonly data: JsonObject;
}

/** Columns that make entities queryable without parsing their state. */
export interface EntityColumns {
  readonly memberId: string | null;
  readonly planId: string | null;
  readonly status: string | null;
  readonly title: string | null;
}

export interface MilestoneRow {
  readonly milestoneId: string;
  readonly title: string | null;
  readonly status: string | null;
  readonly startDate: string | null;
  readonly dueDate: string | null;
  /** The milestone as the domain holds it (JSON). */
  readonly state: unknown;
}

export interface ClaimRow {
  readonly claimId: string;
  readonly milestoneId: string;
  readonly completion: string | null;
  /** Review status of the claim as the domain names it (e.g. submitted, verified, disputed). */
  readonly status: string | null;
  /** The business date the claim speaks about. */
  readonly effectiveAt: string | null;
  readonly state: unknown;
}

/**
 * The domain as the read model sees it. States must be plain JSON (they are stored as JSON and parsed back).
 * The binding to @ogp/domain is domain-state-model.ts; specs may bind a toy model.
 */
export interface EntityStateModel {
  initialState(kind: EntityKind): unknown;
  /** Evolve reads only the event's type and data (as the domain's deciders do), so as-of folds parse nothing else. */
  evolve(kind: EntityKind, state: unknown, event: FoldEvent): unknown;
  /**
   * The state evolve gives, but free to change `state` and its lists in place: the as-of read calls it on the state
   * it has just parsed from a snapshot (or begun), which nothing else holds. Omitted: evolve.
   */
  evolveInPlace?(kind: EntityKind, state: unknown, event: FoldEvent): unknown;
  columns(kind: EntityKind, state: unknown): EntityColumns;
  /**
   * A commitment's own milestone and claim lists as its state holds them (empty lists for other kinds). The domain's
   * evolve keeps every unchanged list, and every unchanged element of a changed list, as the same object, and never
   * changes an element in place (a change is a new object): the read model compares them by identity and writes rows
   * only for the elements that changed or were added.
   */
  childLists(state: unknown): { readonly milestones: readonly unknown[]; readonly claims: readonly unknown[] };
  /** The row of one element of `childLists(state).milestones`. */
  milestoneRow(milestone: unknown): MilestoneRow;
  /** The row of one element of `childLists(state).claims`. */
  claimRow(claim: unknown): ClaimRow;
  /**
   * Whether a stored event of this type and schema version is older than the domain reads (so the store's upcasters
   * must run). Lets a rebuild read the store raw (stored texts, no re-serialization) for all other events.
   */
  needsUpcast?(type: string, schemaVersion: number): boolean;
  /**
   * The property of a commitment's state that holds `childLists(state).claims`: the entity row stores the state
   * with that list emptied (the claim rows hold it), see storedState. Omitted: the row stores the whole state. The
   * read model puts the list back from the claim rows, so `state[claimsProperty]` must be that very list, with no
   * claim id twice, and `claimRow(k).state` must be `k`.
   */
  readonly claimsProperty?: string;
}

/** A commitment's claims as rows (none for other kinds). */
export function claimRows(model: EntityStateModel, state: unknown): ClaimRow[] {
  return model.childLists(state).claims.map((k) => model.claimRow(k));
}

/**
 * How many of a commitment's active milestones (withdrawn ones do not count, as in the progress roll-up) there are,
 * and how many of them have a latest claim (disputed or not) that a reviewer verified, disputed, or has yet to decide
 * on (Submitted, or Evidence Requested: the city owes evidence). Active milestones less these three were never reported on.
 */
export const COMMITMENT_COUNT_FIELDS = ['Active Milestones', 'Milestones Verified', 'Milestones Disputed', 'Milestones Awaiting Review'] as const;

/**
 * OGP's field names for a commitment, as in OGP's own commitment spreadsheets, then the city's reported progress, its
 * plan's status and the ledger's own id. Every column added since comes after those (Member, Member ID, the milestone
 * counts), so that the columns before them keep their places for those who read them by position.
 */
export const COMMITMENT_FIELDS = [
  'Commitment ID',
  'Title',
  'Action Plan',
  'Commitment Start',
  'Commitment End',
  'Institutions involved',
  'Primary Policy Area',
  'OGP Value',
  'Problem',
  'Status quo',
  'Action',
  'Objective',
  'Completion',
  'Reported Progress',
  'Action Plan Status',
  'Ledger ID',
  'Member',
  'Member ID',
  ...COMMITMENT_COUNT_FIELDS,
] as const;

export type CommitmentField = (typeof COMMITMENT_FIELDS)[number];
/** The count columns hold numbers: NDJSON gives them as JSON numbers, so that a script sums them as a spreadsheet does. */
export type CommitmentCountField = (typeof COMMITMENT_COUNT_FIELDS)[number];
export type CommitmentRecord = Readonly<Record<Exclude<CommitmentField, CommitmentCountField>, string> & Record<CommitmentCountField, number>>;

/**
 * Where the commitment export finds the sort keys that the read model has no column for, in the stored states (SQLite
 * JSON paths, as json_extract reads them): a plan's first month, a commitment's OGP id. Part of the domain binding.
 */
export interface CommitmentSortPaths {
  readonly planStart: string;
  readonly ogpId: string;
}

/**
 * Maps a commitment's state, with its plan's and its member's (each null when unknown), to OGP's fields; part of the
 * domain binding. Without sortPaths, the export orders a member's plans by plan id and a plan's commitments by title.
 */
export interface CommitmentRecordMapper {
  (commitment: unknown, plan: unknown, member: unknown): CommitmentRecord;
  readonly sortPaths?: CommitmentSortPaths;
}
