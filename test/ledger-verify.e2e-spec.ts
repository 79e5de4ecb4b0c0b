// The offline verifier on generated exports: a clean log passes; each kind of tamper is found at the right event.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  canonicalize,
  checkpointSizesInExport,
  CHECKPOINT_STREAM,
  checkpointSignedEvent,
  entryHashBytes,
  eventHash,
  ExportedEvent,
  exportLine,
  ExportRecord,
  generateNoteKey,
  MerkleTree,
  parseSignerKey,
  readExportFile,
  signCheckpoint,
  verifyExport,
  verifyExportFile,
  verifyLedger,
  VerifyProgress,
} from '@ogp/ledger';

const ORIGIN = 'ogp.example/semarang';
const keys = generateNoteKey(ORIGIN);
const signer = parseSignerKey(keys.signerKey);

interface Log {
  events: ExportedEvent[];
  /** Checkpoint notes signed at each `checkpointEvery` events (what a reviewer would have kept). */
  notes: string[];
}

/** Appends an event to a stream of the log, chaining it as the event store does. */
function appender(events: ExportedEvent[], tree: MerkleTree) {
  const tips = new Map<string, { revision: number; hash: string }>();
  return (stream: string, type: string, data: unknown, prevOverride?: Map<string, { revision: number; hash: string }>) => {
    const t = (prevOverride ?? tips).get(stream);
    const base = {
      stream,
      revision: t === undefined ? 0 : t.revision + 1,
      type,
      schemaVersion: 1,
      data: canonicalize(data),
      metadata: canonicalize({ actorId: 'admin-1', actorRole: 'admin', recordedAt: `2026-01-01T00:00:${String(events.length % 60).padStart(2, '0')}Z` }),
      prevHash: t === undefined ? null : t.hash,
    };
    const hash = eventHash(base);
    const e: ExportedEvent = { ...base, hash, position: String(events.length + 1) };
    (prevOverride ?? tips).set(stream, { revision: base.revision, hash });
    events.push(e);
    tree.append(entryHashBytes(hash));
    return e;
  };
}

/** `n` events round-robin over streams; a reviewer-kept checkpoint every `every` events. */
function generate(n: number, streams: readonly string[], every: number): Log {
  const events: ExportedEvent[] = [];
  const tree = new MerkleTree();
  const append = appender(events, tree);
  const notes: string[] = [];
  for (let i = 0; i < n; i++) {
    append(streams[i % streams.length]!, 'ProgressClaimed', { milestoneId: `m-${i}`, status: 'Substantial', narrative: `step ${i}` });
    if ((i + 1) % every === 0) notes.push(signCheckpoint(ORIGIN, tree.size, tree.root(), signer));
  }
  return { events, notes };
}

async function* stream<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

const verify = (events: readonly ExportedEvent[], notes: readonly string[] = []) =>
  verifyLedger(stream(events), { publicKey: keys.verifierKey, origin: ORIGIN, checkpoints: notes });

describe('offline ledger verification', () => {
  const log = generate(120, ['plan-1', 'commitment-IDSMG0001', 'commitment-IDSMG0002'], 20);

  it('accepts an untouched export, its checkpoints and reports progress', async () => {
    const seen: VerifyProgress[] = [];
    const report = await verifyLedger(stream(log.events), {
      publicKey: keys.verifierKey,
      checkpoints: log.notes,
      progressEvery: 50,
      onProgress: (p) => seen.push(p),
    });
    expect(report).toMatchObject({ ok: true, events: 120, streams: 3, checkpointsVerified: 6, verifiedTreeSize: 120, failure: null });
    expect(seen.map((p) => p.events)).toEqual([50, 100]);
  });

  it('finds a flipped byte in one event’s data at that event', async () => {
    const events = [...log.events];
    const victim = events[37]!;
    events[37] = { ...victim, data: victim.data.replace('step 37', 'step 38') };
    const report = await verify(events, log.notes);
    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject({ kind: 'hash-mismatch', event: { stream: victim.stream, revision: '12', position: '38', index: 37 } });
  });

  it('finds a deleted event at the next event of its stream', async () => {
    const events = log.events.filter((_, i) => i !== 40);
    const next = log.events[43]!; // same stream, three events later
    const report = await verify(events);
    expect(report.failure).toMatchObject({ kind: 'revision-gap', event: { stream: next.stream, revision: String(next.revision), index: 42 } });
  });

  it('finds two swapped events of different streams at the first of them', async () => {
    const events = [...log.events];
    [events[50], events[51]] = [events[51]!, events[50]!];
    const report = await verify(events);
    expect(report.failure).toMatchObject({ kind: 'position-order', event: { position: '52', index: 50 } });
  });

  it('finds two swapped events of one stream at the first of them', async () => {
    const events = [...log.events];
    [events[60], events[63]] = [events[63]!, events[60]!];
    const report = await verify(events.map((e, i) => ({ ...e, position: String(i + 1) })));
    expect(report.failure).toMatchObject({ kind: 'revision-gap', event: { revision: String(log.events[63]!.revision), index: 60 } });
  });

  it('finds a stream rewritten with a fresh chain only through the signed checkpoint, at its first event', async () => {
    // The rewritten stream starts right after a checkpoint the reviewer holds (size 40).
    const events: ExportedEvent[] = [];
    const tree = new MerkleTree();
    const append = appender(events, tree);
    const notes: string[] = [];
    for (let i = 0; i < 40; i++) append(i % 2 ? 'plan-1' : 'member-semarang', 'Noted', { i });
    notes.push(signCheckpoint(ORIGIN, tree.size, tree.root(), signer));
    for (let i = 0; i < 40; i++) append(i % 2 ? 'plan-1' : 'commitment-IDSMG0003', 'Noted', { i });
    notes.push(signCheckpoint(ORIGIN, tree.size, tree.root(), signer));

    // The forger rewrites every event of commitment-IDSMG0003 and recomputes its chain from scratch.
    const forged: ExportedEvent[] = [];
    const forgedTips = new Map<string, { revision: number; hash: string }>();
    for (const e of events) {
      if (e.stream !== 'commitment-IDSMG0003') {
        forged.push(e);
        continue;
      }
      const t = forgedTips.get(e.stream);
      const data = e.data.replace('"i":', '"i":1');
      const base = { ...e, data, prevHash: t?.hash ?? null };
      const hash = eventHash(base);
      forgedTips.set(e.stream, { revision: Number(e.revision), hash });
      forged.push({ ...base, hash });
    }
    expect((await verify(forged)).ok).toBe(true); // the chains alone cannot tell
    const report = await verify(forged, notes);
    expect(report.failure).toMatchObject({
      kind: 'checkpoint-root-mismatch',
      event: { stream: 'commitment-IDSMG0003', revision: '0', index: 40 },
      checkpoint: { treeSize: 80, firstSuspectIndex: 40 },
    });
  });

  it('finds events cut off the end through a checkpoint beyond the export', async () => {
    const report = await verify(log.events.slice(0, 110), log.notes);
    expect(report.failure).toMatchObject({ kind: 'checkpoint-beyond-log' });
  });

  it('rejects a checkpoint signed by another key', async () => {
    const impostor = parseSignerKey(generateNoteKey(ORIGIN).signerKey);
    const tree = new MerkleTree();
    for (const e of log.events) tree.append(entryHashBytes(e.hash));
    const report = await verify(log.events, [signCheckpoint(ORIGIN, 120, tree.root(), impostor)]);
    expect(report.failure).toMatchObject({ kind: 'checkpoint-signature' });
  });

  describe('an NDJSON export with CheckpointSigned events in the log', () => {
    let dir: string;
    beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-verify-'))));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    function exportWithCheckpointEvents(): ExportRecord[] {
      const events: ExportedEvent[] = [];
      const tree = new MerkleTree();
      const append = appender(events, tree);
      for (let i = 0; i < 90; i++) {
        append(`commitment-${i % 4}`, 'MilestoneRescheduled', { i, reason: 'forum asked for more time' });
        if ((i + 1) % 30 === 0) {
          const note = signCheckpoint(ORIGIN, tree.size, tree.root(), signer);
          const cp = checkpointSignedEvent(note);
          append(CHECKPOINT_STREAM, cp.type, cp.data);
        }
      }
      return [
        { kind: 'header', format: 'ogp-ledger-export', version: 1, origin: ORIGIN },
        ...events.map((e) => ({ kind: 'event' as const, ...e })),
      ];
    }

    const write = (records: readonly ExportRecord[]): string => {
      const file = join(dir, `export-${Math.random().toString(36).slice(2)}.ndjson`);
      writeFileSync(file, records.map(exportLine).join(''));
      return file;
    };

    it('verifies from the file with the checkpoints found inline', async () => {
      const report = await verifyExport(readExportFile(write(exportWithCheckpointEvents())), { publicKey: keys.verifierKey });
      expect(report).toMatchObject({ ok: true, events: 93, checkpointsVerified: 3, verifiedTreeSize: 92 });
    });

    it('counts CheckpointSigned events as unchecked without a key', async () => {
      const report = await verifyExport(readExportFile(write(exportWithCheckpointEvents())));
      expect(report).toMatchObject({ ok: true, checkpointsVerified: 0, checkpointsUnchecked: 3 });
    });

    it('counts checkpoint lines as unchecked without a key, instead of failing the whole run', async () => {
      const records = exportWithCheckpointEvents();
      const note = (records.at(-1) as { data: string }).data;
      const line: ExportRecord = { kind: 'checkpoint', note: (JSON.parse(note) as { note: string }).note };
      const report = await verifyExport(readExportFile(write([...records, line])));
      expect(report).toMatchObject({ ok: true, checkpointsVerified: 0, checkpointsUnchecked: 4 });
    });

    it('catches a rewritten stream through the next inline checkpoint, naming the suspect range', async () => {
      const records = exportWithCheckpointEvents();
      // Re-chain commitment-2 from its 10th event (index ~ 38 of the log) with altered content.
      let prev: string | null = null;
      const forged = records.map((r) => {
        if (r.kind !== 'event' || r.stream !== 'commitment-2') return r;
        if (Number(r.revision) < 10) {
          prev = r.hash;
          return r;
        }
        const base = { ...r, data: r.data.replace('forum', 'mayor'), prevHash: prev };
        prev = eventHash(base);
        return { ...base, hash: prev };
      });
      const firstForged = forged.findIndex((r) => r.kind === 'event' && r.stream === 'commitment-2' && r.revision === 10) - 1;
      const report = await verifyExport(readExportFile(write(forged)), { publicKey: keys.verifierKey });
      expect(report.failure?.kind).toBe('checkpoint-root-mismatch');
      const { treeSize, firstSuspectIndex } = report.failure!.checkpoint!;
      expect(firstSuspectIndex).toBeLessThanOrEqual(firstForged);
      expect(treeSize).toBeGreaterThan(firstForged);
      expect(report.failure!.event?.index).toBe(firstSuspectIndex);
    });

    describe('with checkpoints far behind their sizes (a window of 8 recent sizes)', () => {
      const window = { lateCheckpointWindow: 8 };
      /** The 93-event export, its tree, and checkpoint lines for `sizes` appended after every event. */
      function withLinesAtTheEnd(sizes: readonly number[], forged: readonly number[] = []): ExportRecord[] {
        const records = exportWithCheckpointEvents();
        const tree = new MerkleTree();
        for (const r of records) if (r.kind === 'event') tree.append(entryHashBytes(r.hash));
        const lines = sizes.map((size): ExportRecord => {
          const root = forged.includes(size) ? Buffer.alloc(32, 9) : tree.root(size);
          return { kind: 'checkpoint', note: signCheckpoint(ORIGIN, size, root, signer) };
        });
        return [...records, ...lines];
      }

      it('verifyExportFile checks lines after every event exactly (a duplicate of a stored one included); one pass cannot', async () => {
        const file = write(withLinesAtTheEnd([10, 50, 30]));
        const report = await verifyExportFile(file, { publicKey: keys.verifierKey, ...window });
        expect(report).toMatchObject({ ok: true, events: 93, checkpointsVerified: 5, verifiedTreeSize: 92 });
        expect(report).toEqual(await verifyExport(readExportFile(file), { publicKey: keys.verifierKey }));
        const onePass = await verifyExport(readExportFile(file), { publicKey: keys.verifierKey, ...window });
        expect(onePass.failure).toMatchObject({ kind: 'checkpoint-too-late', event: null });
      });

      it('verifyExportFile finds a forged line far behind its size as a root mismatch, as a verifier keeping every node does', async () => {
        const file = write(withLinesAtTheEnd([10, 50], [50]));
        const report = await verifyExportFile(file, { publicKey: keys.verifierKey, ...window });
        expect(report.failure).toMatchObject({ kind: 'checkpoint-root-mismatch', checkpoint: { treeSize: 50, firstSuspectIndex: 30 } });
        expect(report).toEqual(await verifyExport(readExportFile(file), { publicKey: keys.verifierKey }));
      });

      it('verifyExportFile checks CheckpointSigned events stored far after their sizes', async () => {
        const events: ExportedEvent[] = [];
        const tree = new MerkleTree();
        const append = appender(events, tree);
        let note = '';
        for (let i = 0; i < 60; i++) {
          append(`commitment-${i % 4}`, 'MilestoneRescheduled', { i });
          if (i === 9) note = signCheckpoint(ORIGIN, tree.size, tree.root(), signer);
          if (i === 39) append(CHECKPOINT_STREAM, 'CheckpointSigned', checkpointSignedEvent(note).data); // 30 events late
        }
        const file = write([{ kind: 'header', format: 'ogp-ledger-export', version: 1, origin: ORIGIN }, ...events.map((e) => ({ kind: 'event' as const, ...e }))]);
        expect(await verifyExportFile(file, { publicKey: keys.verifierKey, ...window })).toMatchObject({ ok: true, checkpointsVerified: 1, verifiedTreeSize: 10 });
        expect((await verifyExport(readExportFile(file), { publicKey: keys.verifierKey, ...window })).failure).toMatchObject({
          kind: 'checkpoint-too-late',
          event: { stream: CHECKPOINT_STREAM, revision: '0', index: 40 },
        });
      });
    });

    it('checkpointSizesInExport finds checkpoint lines and CheckpointSigned events only (CRLF, no final newline)', async () => {
      const records = exportWithCheckpointEvents();
      const tree = new MerkleTree();
      for (const r of records) if (r.kind === 'event') tree.append(entryHashBytes(r.hash));
      const decoy = { ...(records[1] as ExportRecord & { kind: 'event' }), data: canonicalize({ reason: 'a "checkpoint" of the forum' }) };
      const text = [...records, decoy, { kind: 'checkpoint' as const, note: signCheckpoint(ORIGIN, 7, tree.root(7), signer) }].map(exportLine).join('').replace(/\n/g, '\r\n');
      const file = write([]);
      writeFileSync(file, text.slice(0, -2));
      expect((await checkpointSizesInExport(file)).sort((a, b) => a - b)).toEqual([7, 30, 61, 92]);
    });

    it('refuses a malformed line with its line number', async () => {
      const file = write(exportWithCheckpointEvents());
      writeFileSync(file, '{"kind":"event"}\n', { flag: 'a' });
      await expect(verifyExport(readExportFile(file), { publicKey: keys.verifierKey })).rejects.toThrow(/line 95/);
    });
  });
});
