// Specs of entityAsOf: a bare date read of one entity is a day of its member's time zone, as compliance's days are.
import type { DomainEvent } from '@ogp/domain';
import { SqliteEventStore } from '@ogp/event-store';
import type { ReadModelDb } from '../projection';
import { openReadModelDb } from '../read-model-db';
import { createProjections } from '../read-models';
import { rebuild } from '../replay/rebuild';
import { storedDomainEvent } from '../testing/stored-domain-event';
import { domainStateModel } from './domain-state-model';
import { entityAsOf, stateAsOf } from './entity-state.queries';

const registered = (memberId: string, timeZone?: string): DomainEvent => ({
  type: 'MemberRegistered',
  data: { memberId, name: memberId, country: 'ID', cohort: 2020, partners: ['PATTIRO Semarang'], status: 'Active', timeZone, effectiveAt: '2026-12-01T03:00:00Z' },
});
const drafted = (planId: string, memberId: string): DomainEvent => ({
  type: 'ActionPlanDrafted',
  data: { planId, memberId, title: 'Rencana Aksi', periodStart: '2026-12', periodEnd: '2028-11', effectiveAt: '2026-12-04T17:30:00Z' },
});

describe('entityAsOf (a bare date is a day of the entity’s member)', () => {
  let db: ReadModelDb;

  beforeAll(async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const append = (stream: string, event: DomainEvent, recordedAt: string) => store.append(stream, [storedDomainEvent(event, recordedAt)], { expectedRevision: 'no_stream' });
    await append('member-semarang', registered('semarang', 'Asia/Jakarta'), '2026-12-01T03:00:00.000Z');
    await append('member-legacy', registered('legacy'), '2026-12-01T03:00:00.000Z');
    // Recorded at 00:30 on 5 December in Semarang, still 4 December in UTC.
    await append('plan-p-smg', drafted('p-smg', 'semarang'), '2026-12-04T17:30:00.000Z');
    await append('plan-p-legacy', drafted('p-legacy', 'legacy'), '2026-12-04T17:30:00.000Z');
    db = openReadModelDb({ file: ':memory:' });
    await rebuild({ store, db, projections: createProjections(domainStateModel) });
    await store.close();
  });
  afterAll(() => db.close());

  it('ends a date at the end of that day in the member’s zone, for the member and for its plans', () => {
    expect(entityAsOf(db, 'member-semarang', '2026-12-04')).toBe('2026-12-04T16:59:59.999Z');
    expect(entityAsOf(db, 'plan-p-smg', '2026-12-04')).toBe('2026-12-04T16:59:59.999Z');
    // So Semarang's plan, drafted early on its 5 December, did not exist as of its 4 December.
    expect(stateAsOf(db, domainStateModel, 'plan-p-smg', entityAsOf(db, 'plan-p-smg', '2026-12-04'))).toBeNull();
    expect(stateAsOf(db, domainStateModel, 'plan-p-smg', entityAsOf(db, 'plan-p-smg', '2026-12-05'))).not.toBeNull();
  });

  it('keeps UTC days for a member that names no zone and for an entity it does not know', () => {
    expect(entityAsOf(db, 'plan-p-legacy', '2026-12-04')).toBe('2026-12-04T23:59:59.999Z');
    expect(stateAsOf(db, domainStateModel, 'plan-p-legacy', entityAsOf(db, 'plan-p-legacy', '2026-12-04'))).not.toBeNull();
    expect(entityAsOf(db, 'plan-nowhere', '2026-12-04')).toBe('2026-12-04T23:59:59.999Z');
  });

  it('takes an instant as it is, and refuses what is neither a date nor an instant', () => {
    expect(entityAsOf(db, 'plan-p-smg', '2026-12-04T12:00:00+07:00')).toBe('2026-12-04T05:00:00.000Z');
    expect(() => entityAsOf(db, 'plan-p-smg', '2026-02-30')).toThrow(/Not an ISO date/);
  });
});
