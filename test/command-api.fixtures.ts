// Shared set-up of the command API suites and the api bench: an app on a temporary SQLite store, keys, Semarang bodies.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SqliteEventStore, type StoredEvent } from '@ogp/event-store';
import { KEY_STORE, type ConfigOverrides, type KeyStore, type NewApiKey } from '@ogp/tracker';
import { AdminModule } from '../apps/api/src/admin/admin.module';
import { createApp } from '../apps/api/src/app.factory';
import { ReviewModule } from '../apps/api/src/review/review.module';

export interface CommandApi {
  readonly app: NestFastifyApplication;
  /** The app's DATA_DIR (its idempotency records, keys and read models). */
  readonly dataDir: string;
  readonly http: Server;
  readonly store: SqliteEventStore;
  key(input: NewApiKey): Promise<string>;
  /** The store's head position as text ('none' when empty), to prove a refused request wrote nothing. */
  head(): Promise<string>;
  events(stream: string): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

export async function startCommandApi(config: ConfigOverrides = {}): Promise<CommandApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ogp-commands-'));
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
  const app = await createApp({
    env: {},
    config: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...config },
    eventStore: store,
    announceAdminKey: () => undefined,
    swaggerUi: false,
    imports: [AdminModule, ReviewModule],
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    dataDir,
    store,
    http: app.getHttpAdapter().getInstance().server,
    key: async (input) => (await app.get<KeyStore>(KEY_STORE).create(input)).key,
    head: async () => {
      const head = await store.headPosition();
      return head === null ? 'none' : `${head.commit.toString()}/${head.prepare.toString()}`;
    },
    events: async (stream) => {
      const out: StoredEvent[] = [];
      for await (const event of store.readStream(stream)) out.push(event);
      return out;
    },
    close: async () => {
      await app.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { SEMARANG } from './semarang-requests';
