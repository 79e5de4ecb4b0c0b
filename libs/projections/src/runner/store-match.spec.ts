// Specs of whyReadModelsAreNotOfStore: read models built from one history, checked against the store they follow.
import { type EventStore, type NewEvent, SqliteEventStore } from '@ogp/event-store';
import type { Projection, ReadModelDb } from '../projection';
import { auditTrailProjection } from '../audit-trail/audit-trail.projection';
import { entityStateProjection } from '../entity-state/entity-state.projection';
import { openReadModelDb } from '../read-model-db';
import { rebuild } from '../replay/rebuild';
import { toyStateModel } from '../testing/toy-state-model';
import { toyEvent } from '../testing/workload';
import { whyReadModelsAreNotOfStore } from './store-match';

const projections = (): Projection[] => [auditTrailProjection(), entityStateProjection(toyStateModel)];
const at = '2024-01-01T00:00:00.000Z';
const memberUpdated = (status: string): NewEvent => toyEvent('MemberUpdated', { memberId: 'SMG', status, effectiveAt: '2024-01-01' }, at);
const checkpointSigned = (): NewEvent => toyEvent('CheckpointSigned', { note: 'n' }, at);

/** A store holding `events` (stream, event) in this order. */
async function storeOf(events: readonly (readonly [string, NewEvent])[]): Promise<EventStore> {
  const store = new SqliteEventStore({ file: ':memory:' });
  for (const [stream, event] of events) await store.append(stream, [event], { expectedRevision: 'any' });
  return store;
}

async function readModelsOf(store: EventStore): Promise<ReadModelDb> {
  const db = openReadModelDb({ file: ':memory:' });
  await rebuild({ store, db, projections: projections() });
  return db;
}

describe('whyReadModelsAreNotOfStore', () => {
  const first = ['member-SMG', memberUpdated('Active')] as const;
  const second = ['member-SMG', memberUpdated('Inactive')] as const;
  const stores: EventStore[] = [];
  const dbs: ReadModelDb[] = [];
  const track = async (events: readonly (readonly [string, NewEvent])[]) => {
    const store = await storeOf(events);
    stores.push(store);
    return store;
  };
  const built = async (store: EventStore) => {
    const db = await readModelsOf(store);
    dbs.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of dbs) db.close();
    for (const store of stores) await store.close();
  });

  it('finds nothing wrong with read models built from the store itself, or with none built yet', async () => {
    const store = await track([first, second]);
    expect(await whyReadModelsAreNotOfStore(await built(store), store)).toBeNull();
    const fresh = openReadModelDb({ file: ':memory:' });
    dbs.push(fresh);
    expect(await whyReadModelsAreNotOfStore(fresh, store)).toBeNull();
  });

  it('names read models that applied events beyond the head of a store restored from an older backup', async () => {
    const db = await built(await track([first, second]));
    await expect(whyReadModelsAreNotOfStore(db, await track([first]))).resolves.toMatch(/has applied events up to position 2\/2, but the event store.s head is 1\/1/);
    await expect(whyReadModelsAreNotOfStore(db, await track([]))).resolves.toMatch(/but the event store is empty/);
  });

  it('names read models whose last event is not the one the store holds at its position', async () => {
    const db = await built(await track([first, second]));
    const other = memberUpdated('Suspended');
    await expect(whyReadModelsAreNotOfStore(db, await track([first, ['member-SMG', other]]))).resolves.toBe(
      `the audit trail's last event is ${second[1].id} at position 2/2, which the event store does not hold there`,
    );
  });

  it('names an entity event the store holds where the read models skipped only events they do not show', async () => {
    const db = await built(await track([first, ['ledger-checkpoints', checkpointSigned()]]));
    const written = memberUpdated('Inactive');
    await expect(whyReadModelsAreNotOfStore(db, await track([first, ['member-SMG', written]]))).resolves.toMatch(
      new RegExp(`holds event ${written.id} at position 2/2, which they have not applied`),
    );
    // The same skipped event in the store: nothing is missing.
    const same = await track([first, ['ledger-checkpoints', checkpointSigned()]]);
    expect(await whyReadModelsAreNotOfStore(db, same)).toBeNull();
  });
});
