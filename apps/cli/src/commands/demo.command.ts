// `demo` (npm run demo): serves the API on a fresh temporary store seeded with Semarang, printing a key per role.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommandRunner } from 'nest-commander';
import { SqliteEventStore } from '@ogp/event-store';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { KEY_STORE, type KeyStore, LedgerLog, ReadModels, ROLES, seedDemo } from '@ogp/tracker';
import { seedProgress } from './seed-progress';
import { createApp, listen } from '../../../api/src/app.factory';

@Command({ name: 'demo', description: 'Serve the API on a fresh temporary store seeded with the Semarang scenario' })
export class DemoCommand extends CommandRunner {
  async run(): Promise<void> {
    const dataDir = mkdtempSync(join(tmpdir(), 'ogp-ledger-demo-'));
    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    let app: NestFastifyApplication | null = null;
    try {
      const seeded = await seedDemo(store, { onStep: seedProgress });
      process.stderr.write(`Seeded ${seeded.events} events into ${dataDir}\n`);
      app = await createApp({ config: { DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, eventStore: store, announceAdminKey: () => undefined });
      await this.serve(app, store, dataDir);
    } finally {
      // Also when the port is taken: the process then ends (no timers left) with the error, and leaves no store.
      await app?.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  private async serve(app: NestFastifyApplication, store: SqliteEventStore, dataDir: string): Promise<void> {
    const keys = app.get<KeyStore>(KEY_STORE);
    const created = await Promise.all(ROLES.map((role) => keys.create({ role, name: `demo ${role}` })));
    const url = await listen(app);
    // The example reads below answer from the read models: let them catch up with the seed first. The first
    // scheduled checkpoint would come a minute later: sign one now, so that the checkpoint example answers.
    const head = await store.headPosition();
    if (head !== null) await app.get(ReadModels).waitFor(head);
    await app.get(LedgerLog).signCheckpoint({ actorId: 'demo', actorRole: 'system', reason: 'demo start' });
    const key = (role: string): string => created.find((c) => c.record.role === role)?.key ?? '';
    process.stdout.write(
      [
        '',
        `ogp-ledger demo on ${url} (data in ${dataDir}, deleted on exit)`,
        '',
        ...created.map((c) => `${c.record.role.padEnd(8)} key: ${c.key}`),
        '',
        'Try:',
        `  curl -s ${url}/public/plans`,
        `  curl -s ${url}/audit/plans/semarang-2021 -H 'Authorization: Bearer ${key('auditor')}'`,
        `  curl -s ${url}/audit/members/semarang/compliance -H 'Authorization: Bearer ${key('auditor')}'`,
        `  curl -s ${url}/ledger/checkpoints/latest`,
        `  open ${url}/docs for every route`,
        '',
      ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
  }
}
