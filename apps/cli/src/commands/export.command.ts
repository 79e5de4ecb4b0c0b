// `cli export`: stream the events (NDJSON, verifiable offline) or the commitments (CSV/NDJSON, OGP field names).
import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { EVENT_STORE, type EventStore } from '@ogp/event-store';
import {
  catchUp,
  commitmentRecord,
  domainStateModel,
  exportCommitments,
  exportEventsNdjson,
  memberStreams,
  openReadModelDb,
} from '@ogp/projections';
import { APP_CONFIG, type ResolvedConfig } from '@ogp/tracker';
import { liveReadModelFile } from './replay.command';

type ExportKind = 'events' | 'commitments';
type ExportFormat = 'ndjson' | 'csv';

interface ExportOptions {
  readonly format?: ExportFormat;
  readonly kind?: ExportKind;
  readonly member?: string;
  readonly out?: string;
}

@Command({
  name: 'export',
  description: 'Export the events (NDJSON, checkable with `verify --export`) or the commitments (CSV or NDJSON) to stdout or --out',
})
export class ExportCommand extends CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {
    super();
  }

  @Option({ flags: '--format <format>', description: 'ndjson | csv (csv: commitments only)', choices: ['ndjson', 'csv'] })
  parseFormat(value: string): ExportFormat {
    if (value !== 'ndjson' && value !== 'csv') throw new Error(`--format must be ndjson or csv, got ${value}`);
    return value;
  }

  @Option({ flags: '--kind <kind>', description: 'events | commitments (default: events for ndjson, commitments for csv)', choices: ['events', 'commitments'] })
  parseKind(value: string): ExportKind {
    if (value !== 'events' && value !== 'commitments') throw new Error(`--kind must be events or commitments, got ${value}`);
    return value;
  }

  @Option({ flags: '--member <id>', description: "only this member's streams (e.g. semarang)" })
  parseMember(value: string): string {
    return value;
  }

  @Option({ flags: '--out <file>', description: 'write to this file instead of stdout' })
  parseOut(value: string): string {
    return value;
  }

  async run(_params: string[], options: ExportOptions = {}): Promise<void> {
    const format = options.format ?? 'ndjson';
    const kind = options.kind ?? (format === 'csv' ? 'commitments' : 'events');
    if (kind === 'events' && format === 'csv') throw new Error('Events export only as NDJSON (--format ndjson)');
    const needsReadModels = kind === 'commitments' || options.member !== undefined;
    const db = needsReadModels ? openReadModelDb({ file: liveReadModelFile(this.config) }) : null;
    try {
      if (db) await catchUp({ store: this.store, db, model: domainStateModel });
      const lines: AsyncIterable<string> | Iterable<string> =
        kind === 'events'
          ? exportEventsNdjson(this.store, {
              origin: this.config.LEDGER_ORIGIN,
              exportedAt: new Date().toISOString(),
              ...(options.member === undefined ? {} : { streams: new Set(memberStreams(db!, options.member)) }),
            })
          : exportCommitments(db!, commitmentRecord, { format, memberId: options.member });
      const sink: Writable = options.out === undefined ? process.stdout : createWriteStream(options.out);
      // Readable.from + pipeline honour backpressure: memory stays bounded whatever the size of the export.
      await pipeline(Readable.from(lines, { objectMode: false }), sink, { end: options.out !== undefined }).catch((error: NodeJS.ErrnoException) => {
        // A reader that stops early (`export | head`) closes the pipe: its choice, not a failed export.
        if (!(error.code === 'EPIPE' && sink === process.stdout)) throw error;
      });
    } finally {
      db?.close();
    }
  }
}
