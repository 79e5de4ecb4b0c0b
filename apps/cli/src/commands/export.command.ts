// `cli export`: stream the events (NDJSON, verifiable offline) or the commitments (CSV/NDJSON, OGP field names).
import { randomBytes } from 'node:crypto';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { EVENT_STORE, type EventStore } from '@ogp/event-store';
import {
  commitmentRecord,
  currentState,
  entityStreams,
  exportCommitments,
  exportEventsNdjson,
  memberStreams,
  type ReadModelDb,
} from '@ogp/projections';
import { APP_CONFIG, type ResolvedConfig } from '@ogp/tracker';
import { optionFileError, parseMemberIdOption, refuseUnexpectedArguments } from './command-input';
import { withCaughtUpReadModels } from './read-model-copy';

type ExportKind = 'events' | 'commitments';
type ExportFormat = 'ndjson' | 'csv';
type ExportLines = AsyncIterable<string> | Iterable<string>;

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
    return parseMemberIdOption('--member', value);
  }

  @Option({ flags: '--out <file>', description: 'write to this file instead of stdout' })
  parseOut(value: string): string {
    return value;
  }

  async run(params: string[], options: ExportOptions = {}): Promise<void> {
    refuseUnexpectedArguments(this.command, params, (word) => `to write the export to ${word}, use --out ${word}`);
    const format = options.format ?? 'ndjson';
    const kind = options.kind ?? (format === 'csv' ? 'commitments' : 'events');
    if (kind === 'events' && format === 'csv') throw new Error('Events export only as NDJSON (--format ndjson)');
    const needsReadModels = kind === 'commitments' || options.member !== undefined;
    const write = async (db: ReadModelDb | null): Promise<void> => {
      if (db && options.member !== undefined) refuseUnknownMember(db, options.member);
      const lines: ExportLines =
        kind === 'events'
          ? exportEventsNdjson(this.store, {
              origin: this.config.LEDGER_ORIGIN,
              exportedAt: new Date().toISOString(),
              ...(options.member === undefined ? {} : { streams: new Set(memberStreams(db!, options.member)) }),
            })
          : exportCommitments(db!, commitmentRecord, { format, memberId: options.member });
      await (options.out === undefined ? toStdout(lines) : toFile(lines, options.out));
    };
    // The read models, where needed, are a caught-up copy of the live ones: an export writes nothing in DATA_DIR.
    await (needsReadModels ? withCaughtUpReadModels(this.config, this.store, write) : write(null));
  }
}

/** A --member that is well formed but not registered would give an empty export that looks like a real one. */
function refuseUnknownMember(db: ReadModelDb, member: string): void {
  if (currentState(db, `member-${member}`) !== null) return;
  const known = entityStreams(db, { kind: 'member' }).map((stream) => stream.slice('member-'.length));
  const listed = known.length === 0 ? 'it has no members' : `members: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', ...' : ''}`;
  throw new Error(`--member ${member}: no such member in this store (${listed})`);
}

// Both ways out stream through Readable.from + pipeline, which honour backpressure: memory stays bounded whatever
// the size of the export.

async function toStdout(lines: ExportLines): Promise<void> {
  await pipeline(Readable.from(lines, { objectMode: false }), process.stdout, { end: false }).catch((error: NodeJS.ErrnoException) => {
    // A reader that stops early (`export | head`) closes the pipe: its choice, not a failed export.
    if (error.code !== 'EPIPE') throw error;
  });
}

/**
 * Writes a temporary file beside `out` and renames it over `out` once complete: an export that fails or is
 * interrupted leaves `out` as it was (a previous export stays whole), never a truncated file that looks finished.
 */
async function toFile(lines: ExportLines, out: string): Promise<void> {
  const temporary = join(dirname(out), `.${basename(out)}.${randomBytes(6).toString('hex')}.partial`);
  // Ctrl-C or a kill ends the process without running `finally`: remove the partial file, then die of the signal.
  // The handler stays until the file is gone: without it, a second Ctrl-C would end the process at once.
  const stopListening = (): void => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    rmSync(temporary, { force: true });
    stopListening();
    process.kill(process.pid, signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await pipeline(Readable.from(lines, { objectMode: false }), createWriteStream(temporary, { flags: 'wx' }));
    renameSync(temporary, out);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw (error as NodeJS.ErrnoException).path === temporary ? outError(out, error) : error;
  } finally {
    stopListening();
  }
}

/** A file that cannot be written names --out, not the temporary file beside it. */
function outError(out: string, error: unknown): Error {
  const missingDirectory = (error as NodeJS.ErrnoException).code === 'ENOENT';
  return optionFileError('--out', out, missingDirectory ? `the directory ${dirname(out)} does not exist` : error);
}
