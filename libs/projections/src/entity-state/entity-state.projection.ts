// The entity-state read model: folds each stream with the domain's evolve, keeps the current state (written once
// per stream per batch), snapshots for fast as-of reads (see snapshotDue), and milestone/claim rows.
import type { Position, StoredEvent } from '@ogp/event-store';
import type { Projection, ReadModelDb, Statement } from '../projection';
import { sqlInt } from '../positions';
import { type EntityKind, parseStream } from '../streams';
import {
  CLAIM_TABLE,
  ENTITY_TABLE,
  MILESTONE_TABLE,
  SNAPSHOT_TABLE,
  createEntityIndexes,
  dropEntityIndexesIfEmpty,
  setupEntityTables,
  snapshotDue,
} from './entity-state.tables';
import { parseStoredState, storedState } from './stored-state';
import type { EntityStateModel } from './state-model';

interface Entry {
  readonly stream: string;
  readonly kind: EntityKind;
  readonly id: string;
  state: unknown;
  revision: bigint;
  position: Position;
  recordedAt: string;
  dirty: boolean;
  /** The stream's last snapshot: its revision (-1n: none) and its length in UTF-8 bytes. */
  snapshotRevision: bigint;
  snapshotBytes: number;
  /**
   * The lists whose elements have rows in the milestone and claim tables (see EntityStateModel.childLists); undefined
   * when not known, so that the next write rewrites them all.
   */
  writtenMilestones: readonly unknown[] | undefined;
  writtenClaims: readonly unknown[] | undefined;
}

interface Statements {
  load: Statement;
  lastSnapshot: Statement;
  upsert: Statement;
  snapshot: Statement;
  deleteMilestones: Statement;
  insertMilestone: Statement;
  deleteClaims: Statement;
  insertClaim: Statement;
}

/**
 * The indexes of a child list's elements (milestones, claims) that differ from those whose rows were last written:
 * the domain's evolve keeps every unchanged element as the same object and appends new ones, so comparing element
 * identity at each index finds the changed and added rows (upserted by their key) without mapping, let alone
 * rewriting, a commitment's whole history. Null when only a full rewrite is safe: nothing known written, a shorter
 * list (an element was removed), or another element's key at a place (the list was replaced: the rows of elements
 * no longer in it must go).
 */
function changedIndexes(list: readonly unknown[], written: readonly unknown[] | undefined, key: (element: unknown) => string): readonly number[] | null {
  if (written === undefined || list.length < written.length) return null;
  const changed: number[] = [];
  for (let i = 0; i < list.length; i++) {
    if (i >= written.length) changed.push(i);
    else if (list[i] !== written[i]) {
      if (key(list[i]) !== key(written[i])) return null;
      changed.push(i);
    }
  }
  return changed;
}

/** Every index of `list` (a full rewrite). */
function allIndexes(list: readonly unknown[]): readonly number[] {
  return list.map((_element, i) => i);
}

/** Streams kept parsed in memory between batches; beyond this the cache is dropped (bounded memory). */
const CACHE_LIMIT = 1024;

export function entityStateProjection(model: EntityStateModel): Projection {
  const milestoneKey = (m: unknown): string => model.milestoneRow(m).milestoneId;
  const claimKey = (k: unknown): string => model.claimRow(k).claimId;
  const cache = new Map<string, Entry>();
  const dirty: Entry[] = [];
  let s: Statements | null = null;

  function load(db: ReadModelDb, stream: string, kind: EntityKind, id: string): Entry {
    const row = s!.load.get(stream) as
      | { revision: bigint; commit_pos: bigint; prepare_pos: bigint; recorded_at: string; state: string; claims_in: string | null }
      | undefined;
    if (!row) {
      return {
        stream, kind, id, state: model.initialState(kind), revision: -1n, position: { commit: -1n, prepare: -1n }, recordedAt: '',
        dirty: false, snapshotRevision: -1n, snapshotBytes: 0, writtenMilestones: undefined, writtenClaims: undefined,
      };
    }
    const snapshot = s!.lastSnapshot.get(stream) as { revision: bigint; bytes: bigint } | undefined;
    const state = parseStoredState(db, id, row.state, row.claims_in);
    const lists = kind === 'commitment' ? model.childLists(state) : undefined;
    return {
      stream,
      kind,
      id,
      state,
      writtenMilestones: lists?.milestones,
      writtenClaims: lists?.claims,
      revision: row.revision,
      position: { commit: row.commit_pos, prepare: row.prepare_pos },
      recordedAt: row.recorded_at,
      dirty: false,
      snapshotRevision: snapshot?.revision ?? -1n,
      snapshotBytes: Number(snapshot?.bytes ?? 0n),
    };
  }

  function write(entry: Entry): void {
    const c = model.columns(entry.kind, entry.state);
    const stored = storedState(entry.state, entry.kind === 'commitment' ? model.claimsProperty : undefined);
    s!.upsert.run(
      entry.stream, entry.kind, entry.id, c.memberId, c.planId, c.status, c.title, sqlInt(entry.revision),
      sqlInt(entry.position.commit), sqlInt(entry.position.prepare), entry.recordedAt, JSON.stringify(stored.state), stored.claimsIn,
    );
    if (entry.kind !== 'commitment') return;
    const lists = model.childLists(entry.state);
    if (lists.milestones !== entry.writtenMilestones) {
      const changed = changedIndexes(lists.milestones, entry.writtenMilestones, milestoneKey);
      if (changed === null) s!.deleteMilestones.run(entry.id);
      for (const i of changed ?? allIndexes(lists.milestones)) {
        const m = model.milestoneRow(lists.milestones[i]);
        s!.insertMilestone.run(entry.id, m.milestoneId, c.memberId, c.planId, m.title, m.status, m.startDate, m.dueDate, JSON.stringify(m.state));
      }
      entry.writtenMilestones = lists.milestones;
    }
    if (lists.claims !== entry.writtenClaims) {
      const changed = changedIndexes(lists.claims, entry.writtenClaims, claimKey);
      if (changed === null) s!.deleteClaims.run(entry.id);
      for (const i of changed ?? allIndexes(lists.claims)) {
        const k = model.claimRow(lists.claims[i]);
        s!.insertClaim.run(entry.id, k.claimId, k.milestoneId, c.memberId, c.planId, k.completion, k.status, k.effectiveAt, i, JSON.stringify(k.state));
      }
      entry.writtenClaims = lists.claims;
    }
  }

  return {
    name: 'entity-state',
    // 2: a commitment's claims are no longer in its entity row (storedState); claim rows carry their ordinal.
    // 3: snapshots of a large state are spaced by its size (snapshotDue), no longer every SNAPSHOT_EVERY events.
    // 4: a member's state keeps its meetings' minutes and participants and its public information updates; rows
    //    and snapshots evolved before lack them, and evolving them further would fail.
    // 5: a plan's state says whether and why it was abandoned (`abandonment`); stored plans lack the field.
    version: 5,
    tables: [ENTITY_TABLE, SNAPSHOT_TABLE, MILESTONE_TABLE, CLAIM_TABLE],
    setup(db) {
      setupEntityTables(db);
      const q = db.prepare(`SELECT revision, commit_pos, prepare_pos, recorded_at, state, claims_in FROM ${ENTITY_TABLE} WHERE stream = ?`);
      s = {
        load: q.safeIntegers(true),
      lastSnapshot: db
        .prepare(`SELECT revision, bytes FROM ${SNAPSHOT_TABLE} WHERE stream = ? ORDER BY revision DESC LIMIT 1`)
        .safeIntegers(true),
        upsert: db.prepare(`INSERT OR REPLACE INTO ${ENTITY_TABLE} (stream, kind, entity_id, member_id, plan_id, status,
          title, revision, commit_pos, prepare_pos, recorded_at, state, claims_in) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`),
        snapshot: db.prepare(`INSERT OR REPLACE INTO ${SNAPSHOT_TABLE} (stream, revision, recorded_at, state, bytes) VALUES (?,?,?,?,?)`),
        deleteMilestones: db.prepare(`DELETE FROM ${MILESTONE_TABLE} WHERE commitment_id = ?`),
        insertMilestone: db.prepare(`INSERT OR REPLACE INTO ${MILESTONE_TABLE} (commitment_id, milestone_id, member_id,
          plan_id, title, status, start_date, due_date, state) VALUES (?,?,?,?,?,?,?,?,?)`),
        deleteClaims: db.prepare(`DELETE FROM ${CLAIM_TABLE} WHERE commitment_id = ?`),
        insertClaim: db.prepare(`INSERT OR REPLACE INTO ${CLAIM_TABLE} (commitment_id, claim_id, milestone_id, member_id,
          plan_id, completion, status, effective_at, ordinal, state) VALUES (?,?,?,?,?,?,?,?,?,?)`),
      };
    },
    beginBulk(db) {
      dropEntityIndexesIfEmpty(db);
    },
    endBulk(db) {
      createEntityIndexes(db);
    },
    apply(db, event: StoredEvent) {
      let entry = cache.get(event.stream);
      if (!entry) {
        const name = parseStream(event.stream);
        if (name === null) return;
        entry = load(db, event.stream, name.kind, name.id);
        cache.set(event.stream, entry);
      }
      entry.state = model.evolve(entry.kind, entry.state, event);
      entry.revision = event.revision;
      entry.position = event.position;
      entry.recordedAt = event.metadata.recordedAt;
      if (!entry.dirty) {
        entry.dirty = true;
        dirty.push(entry);
      }
      if (snapshotDue(event.revision, entry.snapshotRevision, entry.snapshotBytes)) {
        const text = JSON.stringify(entry.state);
        const bytes = Buffer.byteLength(text);
        s!.snapshot.run(event.stream, sqlInt(event.revision), entry.recordedAt, text, bytes);
        entry.snapshotRevision = event.revision;
        entry.snapshotBytes = bytes;
      }
    },
    flush() {
      for (const entry of dirty) {
        write(entry);
        entry.dirty = false;
      }
      dirty.length = 0;
      if (cache.size > CACHE_LIMIT) cache.clear();
    },
    discard() {
      cache.clear();
      dirty.length = 0;
    },
  };
}
