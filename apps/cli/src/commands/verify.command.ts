// `cli verify`: check the configured event store (or an NDJSON export, offline) — every chain link, the Merkle log
// against every signed checkpoint — and name the first bad event.
import { existsSync } from 'node:fs';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { EVENT_STORE, type EventStore } from '@ogp/event-store';
import { formatVerifierKey, parseSignerKey, resolveNoteVerifier, verifyExportFile, type VerifyProgress, type VerifyReport } from '@ogp/ledger';
import { APP_CONFIG, type ResolvedConfig, verifyEventStore } from '@ogp/tracker';
import { checkOptionFile, optionFileError, readOptionFile, refuseUnexpectedArguments } from './command-input';

interface VerifyOptions {
  readonly export?: string;
  readonly publicKey?: string[];
  readonly checkpoint?: string[];
}

/** A one-line progress display on stderr: rewritten in place on a terminal, a line every so often otherwise. */
function progressWriter(): { onProgress: (p: VerifyProgress) => void; done: () => void } {
  const tty = process.stderr.isTTY === true;
  const started = Date.now();
  return {
    onProgress: (p) => {
      const rate = Math.round(p.events / Math.max((Date.now() - started) / 1000, 0.001));
      const line = `verify: ${p.events} events, ${p.streams} streams, ${p.checkpointsVerified} checkpoints (${rate} events/s)`;
      process.stderr.write(tty ? `\r${line}\u001b[K` : `${line}\n`);
    },
    done: () => {
      if (tty) process.stderr.write('\r\u001b[K');
    },
  };
}

/** What was verified: the configured store, or an export file. */
export type VerifiedSource = 'store' | 'export';

/**
 * The human summary of a report: success figures, or the first bad event and what is wrong with it. Nothing to
 * verify is said plainly: for an export it is a failure (an export always holds events: this one is cut short or
 * is not one), for the store a warning (a store not yet written to is empty, but so is a DATA_DIR mistyped).
 */
export function formatVerifyReport(report: VerifyReport, source: VerifiedSource = 'store'): string {
  if (report.failure === null && report.events === 0) return nothingVerified(source);
  if (report.failure === null) {
    return [
      'OK: the ledger verifies',
      `events:                ${report.events}`,
      `streams:               ${report.streams}`,
      `checkpoints verified:  ${report.checkpointsVerified}${report.checkpointsUnchecked > 0 ? ` (${report.checkpointsUnchecked} unchecked: no public key)` : ''}`,
      `verified tree size:    ${report.verifiedTreeSize}`,
      `tree size:             ${report.treeSize}`,
      `root:                  ${report.rootHash}`,
      ...uncoveredWarning(report),
      '',
    ].join('\n');
  }
  const f = report.failure;
  const lines = [`FAILED: ${f.kind}`, `  ${f.message}`];
  if (f.event !== null) {
    // A root mismatch says the history changed at or after a leaf, not that this event is the forged one.
    const label = f.kind === 'checkpoint-root-mismatch' ? 'first suspect event' : 'first bad event';
    lines.push(`  ${label}: stream ${f.event.stream}, revision ${f.event.revision}, global position ${f.event.position} (leaf ${f.event.index})`);
  }
  if (f.checkpoint !== undefined) {
    lines.push(`  checkpoint at size ${f.checkpoint.treeSize}: the change is at or after leaf ${f.checkpoint.firstSuspectIndex}`);
  }
  // The count that agrees with the leaf named: the events before a bad one all verified (the verifier may have read
  // a few more before it could tell, e.g. the successor whose link shows its predecessor changed). A checkpoint
  // failure is found once the tree reaches the checkpoint's size: that many events were read.
  if (f.event !== null && f.checkpoint === undefined) lines.push(`  events verified before it: ${f.event.index}`, '');
  else lines.push(`  events read when it failed: ${report.events}`, '');
  return lines.join('\n');
}

/** An export or a store without a single event: nothing was verified, whatever "OK" would suggest. */
function nothingVerified(source: VerifiedSource): string {
  if (source === 'export') {
    return [
      'FAILED: nothing to verify: the export holds no events',
      '  An events export holds every stored event (a member\'s export, at least its registration): this file was cut',
      '  short or made from an empty store. Export again (`cli export --out FILE`) and check that all of it arrived.',
      '',
    ].join('\n');
  }
  return [
    'WARNING: nothing to verify: the store holds no events.',
    '  Check that DATA_DIR (or EVENT_STORE and EVENTSTORE_CONNECTION_STRING) names the store you meant.',
    '',
  ].join('\n');
}

/**
 * Leaves no signed checkpoint covers are only self-consistent: whoever rewrote them could recompute every hash, so
 * "OK" must not read as more than that (an export stripped of its checkpoints verifies too).
 */
function uncoveredWarning(report: VerifyReport): string[] {
  if (report.verifiedTreeSize >= report.treeSize) return [];
  const from = report.verifiedTreeSize;
  const count = report.treeSize - from;
  const head =
    from === 0
      ? `WARNING: no signed checkpoint${report.checkpointsUnchecked > 0 ? ' could be checked' : ' was found'}: all ${count} events are only self-consistent.`
      : `NOTE: events ${from} to ${report.treeSize - 1} (${count}) come after the last signed checkpoint: they are only self-consistent.`;
  return ['', head, '  Their hash chains hold, but nothing signed shows they were not rewritten. Compare with a checkpoint you', '  kept (GET /ledger/checkpoints/latest), or verify a full export, which includes the checkpoints.'];
}

/** A kept checkpoint file: the signed note itself, or the JSON answer of GET /ledger/checkpoints/latest or /{size}. */
function readKeptCheckpoint(file: string): string {
  const text = readOptionFile('--checkpoint', file);
  // A note saved by hand ends in one newline, as signed: `jq -r .note` adds one more, an editor may add none or
  // write CRLF (a note holds no other control character, so this restores the signed text).
  if (!text.trimStart().startsWith('{')) return text.replace(/\r\n/g, '\n').replace(/\n*$/, '\n');
  let note: unknown;
  try {
    note = (JSON.parse(text) as { note?: unknown }).note;
  } catch {
    note = undefined;
  }
  if (typeof note !== 'string') throw optionFileError('--checkpoint', file, 'JSON without a "note" string (expected the answer of GET /ledger/checkpoints/latest)');
  return note;
}

@Command({
  name: 'verify',
  description:
    'Verify the configured event store (every hash chain link, the Merkle log against every signed checkpoint), or ' +
    'with --export an NDJSON export offline; exit code 1 and the first bad event when anything does not hold',
})
export class VerifyCommand extends CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {
    super();
  }

  @Option({ flags: '--export <file>', description: 'verify this NDJSON export instead of the configured store (offline)' })
  parseExport(value: string): string {
    return value;
  }

  @Option({
    flags: '--public-key <file>',
    description: 'the log’s public key (vkey text); repeatable, for a log whose signing key was replaced (each checkpoint must verify with one); default: derived from SIGNING_KEY_FILE',
  })
  parsePublicKey(value: string, previous: string[] = []): string[] {
    return [...previous, value];
  }

  @Option({
    flags: '--checkpoint <file>',
    description: 'a signed checkpoint you kept (its note, or the JSON of GET /ledger/checkpoints/latest); the log must match it; repeatable',
  })
  parseCheckpoint(value: string, previous: string[] = []): string[] {
    return [...previous, value];
  }

  async run(params: string[], options: VerifyOptions = {}): Promise<void> {
    // `verify t.ndjson` would otherwise verify the configured store (perhaps an empty one) and say OK.
    refuseUnexpectedArguments(this.command, params, (word) => `to verify an export, use --export ${word}`);
    if (options.export !== undefined) checkOptionFile('--export', options.export);
    const publicKey = this.publicKey(options);
    if (publicKey === undefined) process.stderr.write('warning: no public key: signed checkpoints are counted but not checked\n');
    const checkpoints = (options.checkpoint ?? []).map(readKeptCheckpoint);
    if (checkpoints.length > 0 && publicKey === undefined) throw new Error('--checkpoint needs the log’s public key (--public-key FILE) to check the note');
    const progress = progressWriter();
    const common = { publicKey, checkpoints, progressEvery: 10_000, onProgress: progress.onProgress };
    const report =
      options.export !== undefined
        ? await verifyExport(options.export, common)
        : await verifyEventStore(this.store, { ...common, origin: this.config.LEDGER_ORIGIN });
    progress.done();
    const source: VerifiedSource = options.export !== undefined ? 'export' : 'store';
    process.stdout.write(formatVerifyReport(report, source));
    if (!report.ok || (source === 'export' && report.events === 0)) process.exitCode = 1;
  }

  /** The vkeys from --public-key; else, for the live store only, the one of the configured signing key. */
  private publicKey(options: VerifyOptions): string[] | undefined {
    if (options.publicKey !== undefined) return options.publicKey.map((file) => readKey('--public-key', file, checkedVerifierKey));
    if (options.export !== undefined) throw new Error('verify --export needs --public-key FILE (the log’s vkey, kept by the reviewer)');
    const file = this.config.SIGNING_KEY_FILE;
    return existsSync(file) ? [readKey('SIGNING_KEY_FILE', file, (text) => formatVerifierKey(parseSignerKey(text)))] : undefined;
  }
}

/** The text of a --public-key file, once it reads as a vkey or a raw Ed25519 public key. */
function checkedVerifierKey(text: string): string {
  resolveNoteVerifier(text);
  return text;
}

/** A key file's text, checked by `parse`: a bad key is refused naming where it came from, before any work. */
function readKey(source: string, file: string, parse: (text: string) => string): string {
  const text = readOptionFile(source, file).trim();
  try {
    return parse(text);
  } catch (error) {
    throw optionFileError(source, file, error);
  }
}

/** Verifies an export file; a file that cannot be read or parsed is refused naming --export and the file. */
async function verifyExport(file: string, options: Parameters<typeof verifyExportFile>[1]): Promise<VerifyReport> {
  try {
    return await verifyExportFile(file, options);
  } catch (error) {
    throw optionFileError('--export', file, error);
  }
}
