// The Semarang demo seeded through the application's command handler into an in-memory SQLite store.
import { runScript, SEMARANG_DEMO } from '@ogp/domain';
import { SqliteEventStore, type StoredEvent } from '@ogp/event-store';
import { seedDemo } from './seed-demo';

async function all(store: SqliteEventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

describe('seedDemo', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore({ file: ':memory:' });
  });
  afterEach(() => store.close());

  it('writes the same events as the pure script run, with each step’s actor and instant', async () => {
    const result = await seedDemo(store);
    // The application's clock gives instants in toISOString form; the script writes them by hand.
    const expected = runScript(SEMARANG_DEMO.map((step) => ({ ...step, at: new Date(step.at).toISOString() }))).history;
    const stored = await all(store);
    expect(result).toEqual({ seeded: true, steps: SEMARANG_DEMO.length, events: expected.length });
    expect(stored.map((e) => [e.stream, e.type, e.data])).toEqual(expected.map((e) => [e.stream, e.type, e.data]));
    const firstStep = SEMARANG_DEMO[0]!;
    expect(stored[0]!.metadata).toMatchObject({ actorId: firstStep.actor.id, actorRole: firstStep.actor.role, recordedAt: new Date(firstStep.at).toISOString() });
  });

  it('leaves a store that already holds the demo alone', async () => {
    await seedDemo(store);
    const before = await store.headPosition();
    expect(await seedDemo(store)).toMatchObject({ seeded: false, events: 0 });
    expect(await store.headPosition()).toEqual(before);
  });

  it('says which step was refused, and what to do, when the store holds other data under the demo’s ids', async () => {
    // given a Semarang registered under other command ids than the demo's (second of two steps)
    const register = SEMARANG_DEMO[0]!;
    const bandung = { ...register, command: { ...register.command, data: { ...register.command.data, memberId: 'bandung' } } } as typeof register;
    await seedDemo(store, { steps: [bandung, register] });
    // when the demo is seeded, then its first step is named and a fresh DATA_DIR suggested
    await expect(seedDemo(store)).rejects.toThrow(/^The demo's step 1 of \d+ \(RegisterMember\) was refused: Member semarang is already registered\. .*seed into a fresh DATA_DIR\.$/);
  });

  it('finishes a seed that stopped half way, writing only the missing steps', async () => {
    // given a seed interrupted after half of its steps
    const half = SEMARANG_DEMO.slice(0, Math.floor(SEMARANG_DEMO.length / 2));
    const first = await seedDemo(store, { steps: half });
    // when the whole demo is seeded
    const rest = await seedDemo(store);
    // then the store holds exactly what one uninterrupted seed writes
    const fresh = new SqliteEventStore({ file: ':memory:' });
    const whole = await seedDemo(fresh);
    const strip = (events: StoredEvent[]) => events.map((e) => [e.id, e.stream, e.revision, e.type, e.data, e.metadata]);
    expect(strip(await all(store))).toEqual(strip(await all(fresh)));
    expect(first.events + rest.events).toBe(whole.events);
    await fresh.close();
  });
});
