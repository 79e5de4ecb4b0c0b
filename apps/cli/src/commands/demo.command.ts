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
import { refuseUnexpectedArguments } from './command-input';

@Command({ name: 'demo', description: 'Serve the API on a fresh temporary store seeded with the Semarang scenario' })
export class DemoCommand extends CommandRunner {
  async run(params: string[]): Promise<void> {
    refuseUnexpectedArguments(this.command, params);
    // Listening from the start: Ctrl-C while seeding or starting still removes the store (the listeners do not keep
    // the process alive, so a failed start still ends it).
    let signalled = false;
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const onSignal = (): void => {
      signalled = true;
      stop();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const dataDir = mkdtempSync(join(tmpdir(), 'ogp-ledger-demo-'));
    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    let app: NestFastifyApplication | null = null;
    try {
      const seeded = await seedDemo(store, { onStep: seedProgress });
      process.stderr.write(`Seeded ${seeded.events} events into ${dataDir}\n`);
      if (signalled) return;
      app = await createApp({ config: { DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, eventStore: store, announceAdminKey: () => undefined });
      await this.serve(app, store, dataDir, stopped);
    } finally {
      // Also when the port is taken: the process then ends (no timers left) with the error, and leaves no store.
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      try {
        await app?.close();
      } finally {
        try {
          await store.close();
        } finally {
          rmSync(dataDir, { recursive: true, force: true });
        }
      }
    }
  }

  private async serve(app: NestFastifyApplication, store: SqliteEventStore, dataDir: string, stopped: Promise<void>): Promise<void> {
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
    await stopped;
  }
}
