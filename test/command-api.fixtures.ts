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

/** Request bodies from the Semarang 2021-2023 plan. */
export const SEMARANG = {
  member: { memberId: 'semarang', name: 'Kota Semarang', country: 'ID', cohort: 2020, partners: ['Transparency International Indonesia (TII)', 'PATTIRO Semarang'] },
  forum: (heldOn: string) => ({ heldOn, participants: { government: ['Bappeda Kota Semarang'], civilSociety: ['PATTIRO Semarang'] }, minutesUrl: null }),
  plan: { title: 'Semarang OGP Local Action Plan 2021-2023', periodStart: '2021-08', periodEnd: '2023-12' },
  commitment: (n: number) => ({
    ogpId: `IDSMG000${n}`,
    title: `Commitment ${n}: public information services`,
    problem: 'Requests for public information are answered slowly',
    statusQuo: 'Each agency runs its own information desk',
    action: 'Adopt a common PPID service standard',
    objective: 'Citizens get public information on time',
    values: ['Access to Information', 'Public Accountability'],
    leadInstitution: 'Diskominfo Kota Semarang',
    supportingInstitutions: { government: ['Bappeda Kota Semarang'], civilSociety: ['PATTIRO Semarang'] },
    policyArea: 'Right to information',
    startMonth: '2021-08',
    endMonth: '2023-12',
  }),
  milestone: { title: 'Publish the PPID service standard', startDate: '2021-09-01', dueDate: '2022-03-31' },
  evidence: { url: 'https://ppid.semarangkota.go.id/laporan-2022', title: 'PPID annual report 2022', sha256: 'a'.repeat(64) },
};
