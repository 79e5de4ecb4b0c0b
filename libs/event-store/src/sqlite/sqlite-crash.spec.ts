// Kills a writing child process with SIGKILL mid-stream, then checks that every acknowledged append survived.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventHash } from '@ogp/ledger';
import { SqliteEventStore } from './sqlite-event-store';

const ROOT = resolve(__dirname, '../../../..');
const SCRIPT = join(__dirname, 'crash-writer.script.ts');

describe('SqliteEventStore (file) after SIGKILL', () => {
  it('keeps every acknowledged append, with an intact hash chain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ogp-crash-'));
    const file = join(dir, 'events.sqlite');
    try {
      const acked = await new Promise<Set<string>>((done, fail) => {
        const child = spawn(process.execPath, ['-r', '@swc-node/register', SCRIPT, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        const ids = new Set<string>();
        let buffer = '';
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.stdout.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          const lines = buffer.split('\n');
          buffer = lines.pop()!;
          for (const line of lines) if (line.startsWith('ack ')) ids.add(line.split(' ')[1]!);
          if (ids.size >= 300 && !child.killed) child.kill('SIGKILL');
        });
        child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? done(ids) : fail(new Error(`writer exited without being killed: ${stderr}`))));
      });
      const store = new SqliteEventStore({ file });
      const stored = new Set<string>();
      for await (const e of store.readAll()) stored.add(e.id);
      for (const stream of ['crash-0', 'crash-1', 'crash-2', 'crash-3']) {
        let prevHash: string | null = null;
        for await (const e of store.readStream(stream, { raw: true })) {
          const { data, metadata, schemaVersion } = e.raw!;
          expect(e.prevHash).toBe(prevHash);
          expect(eventHash({ stream, revision: e.revision, type: e.type, schemaVersion, data, metadata, prevHash })).toBe(e.hash);
          prevHash = e.hash;
        }
      }
      await store.close();
      const missing = [...acked].filter((id) => !stored.has(id));
      expect(acked.size).toBeGreaterThanOrEqual(300);
      expect(missing).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
