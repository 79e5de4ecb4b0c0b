// `cli replay`: rebuild every read model from the first event into a fresh database and compare it with the live one.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { EVENT_STORE, type EventStore } from '@ogp/event-store';
import { catchUp, domainStateModel, formatProgress, openReadModelDb, type RebuildProgress, replayAndCompare } from '@ogp/projections';
import { APP_CONFIG, type ResolvedConfig } from '@ogp/tracker';

interface ReplayOptions {
  readonly keep?: string;
}

/** The live read-model database of an installation (the API's runner keeps it up to date). */
export function liveReadModelFile(config: ResolvedConfig): string {
  mkdirSync(config.DATA_DIR, { recursive: true });
  return join(config.DATA_DIR, 'read-models.sqlite');
}

function progressWriter(label: string): (p: RebuildProgress) => void {
  const tty = process.stderr.isTTY === true;
  return (p) => {
    const line = `${label} ${formatProgress(p)}`;
    process.stderr.write(tty ? `\r${line}\u001b[K` : `${line}\n`);
  };
}

@Command({
  name: 'replay',
  description:
    'Rebuild every read model from the first event into a fresh database and compare its checksum with the live ' +
    'read models (exit code 1 when any differs)',
})
export class ReplayCommand extends CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {
    super();
  }

  @Option({ flags: '--keep <file>', description: 'keep the rebuilt database in this file (default: a temp file, removed)' })
  parseKeep(value: string): string {
    return value;
  }

  async run(_params: string[], options: ReplayOptions = {}): Promise<void> {
    const live = openReadModelDb({ file: liveReadModelFile(this.config) });
    try {
      // Let the live read models catch up first, so both sides stand at the same position.
      await catchUp({ store: this.store, db: live, model: domainStateModel, onProgress: progressWriter('catch-up') });
      if (process.stderr.isTTY) process.stderr.write('\n');
      const report = await replayAndCompare({
        store: this.store,
        model: domainStateModel,
        live,
        scratchFile: options.keep,
        onProgress: progressWriter('rebuild'),
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      process.stderr.write(`rebuilt ${report.events} events up to position ${report.position ?? '(empty)'} in ${report.elapsedMs} ms\n`);
      for (const r of report.results) {
        process.stdout.write(`${r.readModel}\t${r.equal ? 'equal' : 'different'}\t${r.rebuilt}${r.equal ? '' : `\tlive ${r.live}`}\n`);
      }
      if (!report.equal) process.exitCode = 1;
    } finally {
      live.close();
    }
  }
}
