// The API's read models: queries see committed batches only, never a batch the runner is still applying.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NewEvent, SqliteEventStore } from '@ogp/event-store';
import { loadConfig } from '../config/load-config';
import { MetricsService } from '../metrics/metrics.service';
import { ReadinessService } from '../metrics/readiness.service';
import { ReadModels } from './read-models.service';

const registered = (): NewEvent => ({
  id: randomUUID(),
  type: 'MemberRegistered',
  schemaVersion: 1,
  data: { memberId: 'semarang', name: 'Kota Semarang', country: 'ID', cohort: 2020, partners: [], status: 'Active' },
  metadata: { actorId: 'key-ops', actorRole: 'admin', commandId: 'c', correlationId: 'c', causationId: null, reason: null, recordedAt: '2021-05-01T00:00:00.000Z' },
});

const informationUpdated = (): NewEvent => ({
  ...registered(),
  id: randomUUID(),
  type: 'PublicInformationUpdated',
  data: { memberId: 'semarang', url: 'https://semarangkota.go.id/ogp', summary: 'Action plan published', effectiveAt: '2021-06-01' },
});

describe('ReadModels', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogp-read-models-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers queries from committed batches only, in step with the position it reports', async () => {
    // given read models following a store
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    const readModels = new ReadModels(store, loadConfig({}, { DATA_DIR: dir }), new MetricsService(), new ReadinessService());
    readModels.onApplicationBootstrap();
    try {
      // when an event is appended and the runner has begun its batch but not committed it
      const { position } = await store.append('member-semarang', [registered()], { expectedRevision: 'no_stream' });
      await new Promise((resolve) => setTimeout(resolve, 10));
      const auditRows = () => readModels.db.prepare('SELECT COUNT(*) AS n FROM audit_events').get() as { n: number };
      // then queries see nothing of it yet, as the position says
      expect(readModels.position()).toBeNull();
      expect(auditRows().n).toBe(0);
      // and once the batch is committed, both move together
      await readModels.waitFor(position);
      expect(readModels.position()).toBe('1/1');
      expect(auditRows().n).toBe(1);
    } finally {
      await readModels.onModuleDestroy();
      readModels.onApplicationShutdown();
      await store.close();
    }
  });

  it('answers an entity from one read per position, and anew once the position moves', async () => {
    // given read models that have applied a member's registration
    const data = join(dir, 'entity-reads');
    mkdirSync(data);
    const store = new SqliteEventStore({ file: join(data, 'events.sqlite') });
    const readModels = new ReadModels(store, loadConfig({}, { DATA_DIR: data }), new MetricsService(), new ReadinessService());
    readModels.onApplicationBootstrap();
    try {
      expect(readModels.currentEntity('member-semarang')).toBeNull();
      await readModels.waitFor((await store.append('member-semarang', [registered()], { expectedRevision: 'no_stream' })).position);
      // when it is read twice at the same position
      const first = readModels.currentEntity('member-semarang');
      // then both reads get the same answer, with the position it reflects
      expect(first).toMatchObject({ position: '1/1', data: { revision: 0, state: { publicInformationUpdatedOn: null } } });
      expect(readModels.currentEntity('member-semarang')).toBe(first);
      // and once another event is applied, the read reflects it
      await readModels.waitFor((await store.append('member-semarang', [informationUpdated()], { expectedRevision: 0n })).position);
      expect(readModels.currentEntity('member-semarang')).toMatchObject({ position: '2/2', data: { revision: 1, state: { publicInformationUpdatedOn: '2021-06-01' } } });
    } finally {
      await readModels.onModuleDestroy();
      readModels.onApplicationShutdown();
      await store.close();
    }
  });

  it('sets aside and rebuilds read models ahead of a store restored from an older backup', async () => {
    // given read models that applied two events of a member
    const data = join(dir, 'restored');
    mkdirSync(data);
    const config = loadConfig({}, { DATA_DIR: data });
    const registration = registered();
    const newer = new SqliteEventStore({ file: join(data, 'events.sqlite') });
    const before = new ReadModels(newer, config, new MetricsService(), new ReadinessService());
    before.onApplicationBootstrap();
    await newer.append('member-semarang', [registration], { expectedRevision: 'no_stream' });
    await before.waitFor((await newer.append('member-semarang', [informationUpdated()], { expectedRevision: 0n })).position);
    await before.onModuleDestroy();
    before.onApplicationShutdown();
    await newer.close();
    // when events.sqlite is put back as it was after the first event, and the read models start over it
    rmSync(join(data, 'events.sqlite'));
    const restored = new SqliteEventStore({ file: join(data, 'events.sqlite') });
    await restored.append('member-semarang', [registration], { expectedRevision: 'no_stream' });
    const readModels = new ReadModels(restored, config, new MetricsService(), new ReadinessService());
    try {
      await readModels.onModuleInit();
      readModels.onApplicationBootstrap();
      // then the newer file is set aside, and the read models show the store's one event
      expect(readdirSync(data).filter((name) => /^read-models\.sqlite\.stale-\d+$/.test(name))).toHaveLength(1);
      await readModels.waitFor({ commit: 1n, prepare: 1n });
      expect(readModels.position()).toBe('1/1');
      expect(readModels.currentEntity('member-semarang')).toMatchObject({ position: '1/1', data: { revision: 0, state: { publicInformationUpdatedOn: null } } });
    } finally {
      await readModels.onModuleDestroy();
      readModels.onApplicationShutdown();
      await restored.close();
    }
  });
});
