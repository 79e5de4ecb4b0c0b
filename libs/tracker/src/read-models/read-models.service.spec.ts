// The API's read models: queries see committed batches only, never a batch the runner is still applying.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
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
});
