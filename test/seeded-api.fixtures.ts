// An app over a store seeded with a demo script (the Semarang scenario, or more), its clock fixed after the script,
// with an auditor key, answering once the read models reflect the seeded head: for specs of the read routes.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DemoStep } from '@ogp/domain';
import { positionToString, SqliteEventStore } from '@ogp/event-store';
import { FixedClock, KEY_STORE, seedDemo, type KeyStore } from '@ogp/tracker';
import request from 'supertest';
import { createApp } from '../apps/api/src/app.factory';

export interface SeededApi {
  readonly app: NestFastifyApplication;
  readonly http: Server;
  readonly store: SqliteEventStore;
  /** The store's head after seeding, as "commit/prepare". */
  readonly head: string;
  /** An auditor key (named TII, a civil-society partner). */
  readonly auditor: string;
  close(): Promise<void>;
}

export async function startSeededApi(steps: readonly DemoStep[], clock = '2024-04-01T00:00:00.000Z'): Promise<SeededApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ogp-seeded-'));
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
  await seedDemo(store, { steps });
  const head = positionToString((await store.headPosition())!);
  const app = await createApp({
    env: {},
    config: { DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    clock: new FixedClock(clock),
    eventStore: store,
    announceAdminKey: () => undefined,
    swaggerUi: false,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const http = app.getHttpAdapter().getInstance().server;
  const auditor = (await app.get<KeyStore>(KEY_STORE).create({ role: 'auditor', name: 'TII' })).key;
  // Read-your-writes: the first read waits until the read models reflect the seeded head.
  const first = await request(http).get(`/audit/members/semarang?waitFor=${head}`).set('Authorization', `Bearer ${auditor}`);
  if (first.status !== 200) throw new Error(`the seeded app's first read answered ${first.status}: ${first.text}`);
  return {
    app,
    http,
    store,
    head,
    auditor,
    close: async () => {
      await app.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
