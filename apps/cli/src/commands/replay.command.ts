// `cli replay`: rebuild every read model from the first event into a fresh database and compare it with the live one.
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { EVENT_STORE, type EventStore } from '@ogp/event-store';
import { domainStateModel, formatProgress, type RebuildProgress, replayAndCompare } from '@ogp/projections';
import { APP_CONFIG, type ResolvedConfig } from '@ogp/tracker';
import { refuseUnexpectedArguments } from './command-input';
import { withCaughtUpReadModels } from './read-model-copy';

interface ReplayOptions {
  readonly keep?: string;
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
    'read models, caught up in a copy (exit code 1 when any differs); writes nothing in DATA_DIR',
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

  async run(params: string[], options: ReplayOptions = {}): Promise<void> {
    refuseUnexpectedArguments(this.command, params);
    // The live read models are caught up first (in a copy), so that both sides stand at the same position.
    const report = await withCaughtUpReadModels(this.config, this.store, async (live) => {
      if (process.stderr.isTTY) process.stderr.write('\n');
      return replayAndCompare({
        store: this.store,
        model: domainStateModel,
        live,
        scratchFile: options.keep,
        onProgress: progressWriter('rebuild'),
      });
    }, progressWriter('catch-up'), 'keep');
    if (process.stderr.isTTY) process.stderr.write('\n');
    process.stderr.write(`rebuilt ${report.events} events up to position ${report.position ?? '(empty)'} in ${report.elapsedMs} ms\n`);
    for (const r of report.results) {
      process.stdout.write(`${r.readModel}\t${r.equal ? 'equal' : 'different'}\t${r.rebuilt}${r.equal ? '' : `\tlive ${r.live}`}\n`);
    }
    if (!report.equal) process.exitCode = 1;
  }
}
