// Specs of reading a set of streams in the global order: order and as-of across fetches, and no sort of whole rows.
import type { ReadModelDb, Statement } from '../projection';
import { openReadModelDb } from '../read-model-db';
import { eventsOfStreams } from './audit-trail.queries';
import { AUDIT_TABLE, setupAuditTrail } from './audit-trail.projection';

interface Inserted {
  readonly seq: number;
  readonly stream: string;
  readonly recordedAt: string;
}

const MEMBER_STREAMS = ['plan-P1', 'commitment-C1', 'commitment-C2'];
const OTHER_STREAMS = ['plan-P2', 'commitment-C9', 'member-OTHER'];

/** 1,200 events of the member's streams among 400 of others, interleaved unevenly; recordedAt mostly rises, not always. */
function insertHistory(db: ReadModelDb): Inserted[] {
  const insert = db.prepare(`INSERT INTO ${AUDIT_TABLE} (seq, commit_pos, prepare_pos, event_id, stream, revision, type, schema_version, recorded_at, effective_at, hash, data, metadata)
    VALUES (?, ?, ?, ?, ?, ?, 'ProgressReported', 1, ?, NULL, 'h', '{}', '{}')`);
  const revisions = new Map<string, number>();
  const inserted: Inserted[] = [];
  db.transaction(() => {
    for (let seq = 1; seq <= 1600; seq++) {
      const stream = seq % 4 === 0 ? OTHER_STREAMS[seq % 3]! : MEMBER_STREAMS[(seq * 7 + (seq >> 5)) % 3]!;
      const revision = revisions.get(stream) ?? 0;
      revisions.set(stream, revision + 1);
      // a command recorded a moment before an earlier commit: the order of seqs is not the order of recordedAt
      const recordedAt = new Date(Date.UTC(2022, 2, 1) + (seq - (seq % 10 === 3 ? 5 : 0)) * 1000).toISOString();
      insert.run(seq, seq, seq, `e${seq}`, stream, revision, recordedAt);
      inserted.push({ seq, stream, recordedAt });
    }
  })();
  return inserted;
}

describe('events of streams', () => {
  let db: ReadModelDb;
  let inserted: Inserted[];
  let prepare: (sql: string) => Statement;
  /** The SQL of every statement the reads prepare, to look at their plans. */
  const prepared = new Set<string>();

  beforeAll(() => {
    db = openReadModelDb({ file: ':memory:' });
    setupAuditTrail(db);
    inserted = insertHistory(db);
    prepare = db.prepare.bind(db);
    jest.spyOn(db, 'prepare').mockImplementation((sql: string) => {
      prepared.add(sql);
      return prepare(sql);
    });
  });
  afterAll(() => db.close());

  const expected = (asOf: string | null): number[] =>
    inserted.filter((e) => MEMBER_STREAMS.includes(e.stream) && (asOf === null || e.recordedAt <= asOf)).map((e) => e.seq);

  it('yields the streams’ events in the global order, over several fetches, leaving out other streams', () => {
    const seqs = [...eventsOfStreams(db, MEMBER_STREAMS)].map((e) => e.seq);
    expect(seqs).toHaveLength(1200);
    expect(seqs).toEqual(expected(null));
  });

  it('leaves out events recorded after asOf, even those with an earlier seq than one it keeps', () => {
    const asOf = inserted[700]!.recordedAt;
    const events = [...eventsOfStreams(db, MEMBER_STREAMS, asOf)];
    expect(events.every((e) => e.recordedAt <= asOf)).toBe(true);
    expect(events.map((e) => e.seq)).toEqual(expected(asOf));
    expect(events.length).toBeGreaterThan(500);
  });

  it('sorts no rows with their data in a temp b-tree, only seqs', () => {
    expect([...eventsOfStreams(db, MEMBER_STREAMS)]).toHaveLength(1200);
    const plans = [...prepared].map((sql) => {
      const params = Array.from(sql.matchAll(/\?/g), () => '[]');
      const detail = (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
      return { columns: prepare(sql).columns().map((c) => c.name), detail };
    });
    expect(plans.some((p) => p.columns.includes('data'))).toBe(true);
    for (const plan of plans.filter((p) => p.detail.includes('USE TEMP B-TREE FOR ORDER BY'))) expect(plan.columns).toEqual(['seq']);
  });

  it('lets the database take writes again once the caller stops reading early', () => {
    const events = eventsOfStreams(db, MEMBER_STREAMS);
    events.next();
    events.return(undefined);
    expect(() => db.exec(`DELETE FROM ${AUDIT_TABLE} WHERE seq = 0`)).not.toThrow();
  });
});
