// Child process for the crash test: appends forever and prints each acknowledged (durable) append on stdout.
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from './sqlite-event-store';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: crash-writer.script.ts <file>');
  const store = new SqliteEventStore({ file });
  const metadata = { actorId: 'crash', actorRole: 'system' as const, commandId: randomUUID(), correlationId: randomUUID(), causationId: null, reason: null, recordedAt: new Date().toISOString() };
  // Several writers at once so that kills land inside group commits, not only between them.
  const writer = async (w: number): Promise<void> => {
    for (let i = 0; ; i++) {
      const id = randomUUID();
      const r = await store.append(`crash-${w}`, [{ id, type: 'crash.Appended', schemaVersion: 1, data: { w, i }, metadata }], { expectedRevision: 'any' });
      process.stdout.write(`ack ${id} ${r.position.commit}\n`);
    }
  };
  await Promise.all([0, 1, 2, 3].map(writer));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
