// LedgerVerifier details: its fast entry text equals chainEntryText for any event, and positions in both store formats.
import fc from 'fast-check';
import { canonicalize } from './canonical';
import { eventHash } from './chain';
import { EXPORT_FORMAT, EXPORT_VERSION, ExportedEvent, ExportRecord } from './export-format';
import { LedgerVerifier, verifyExport, verifyLedger } from './verify';
import { signCheckpoint } from './checkpoint';
import { entryHashBytes } from './merkle-hash';
import { MerkleTree } from './merkle-tree';
import { generateNoteKey, parseSignerKey } from './note-key';
import { javascriptHasher, nativeHasher } from './sha256-batch';
import type { VerifyProgress } from './verify-report';

function chain(parts: { stream: string; type: string; data: unknown; schemaVersion: number }[], position: (i: number) => string): ExportedEvent[] {
  const tips = new Map<string, { revision: number; hash: string }>();
  return parts.map((p, i) => {
    const t = tips.get(p.stream);
    const base = {
      stream: p.stream,
      revision: t === undefined ? 0 : t.revision + 1,
      type: p.type,
      schemaVersion: p.schemaVersion,
      data: canonicalize(p.data),
      metadata: canonicalize({ i }),
      prevHash: t?.hash ?? null,
    };
    const hash = eventHash(base);
    tips.set(p.stream, { revision: base.revision, hash });
    return { ...base, hash, position: position(i) };
  });
}

/** The log with event `at`'s data changed and its stream's chain recomputed from there: only checkpoints can tell. */
function rechained(events: readonly ExportedEvent[], at: number): ExportedEvent[] {
  const stream = events[at]!.stream;
  let prevHash: string | null = null;
  return events.map((e, i) => {
    if (e.stream !== stream || i < at) return e;
    const base = { ...e, data: i === at ? '{"i":-1}' : e.data, prevHash: i === at ? e.prevHash : prevHash };
    prevHash = eventHash(base);
    return { ...base, hash: prevHash };
  });
}

describe('LedgerVerifier', () => {
  it('recomputes the same hash as eventHash for any stream, type and data (quotes, unicode, escapes)', async () => {
    const part = fc.record({
      stream: fc.oneof(fc.constantFrom('plan-1', 'commitment-"x"'), fc.string({ unit: 'binary', minLength: 1, maxLength: 12 })),
      type: fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
      data: fc.jsonValue(),
      schemaVersion: fc.integer({ min: 1, max: 9 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(part, { minLength: 1, maxLength: 20 }), async (parts) => {
        const report = await verifyLedger(chain(parts, (i) => String(i + 1)));
        expect(report.failure).toBeNull();
      }),
      { numRuns: 100 },
    );
  });

  it('names the rewritten event, not its successor, when an event and its own hash were rewritten together', async () => {
    const parts = Array.from({ length: 9 }, (_, i) => ({ stream: `s${i % 3}`, type: 't', data: { i }, schemaVersion: 1 }));
    const events = chain(parts, (i) => String(i + 1));
    // s1@1 (index 4) gets new data and a freshly computed hash; s1@2 (index 7) still links to the old hash.
    const forged = { ...events[4]!, data: canonicalize({ i: 'forged' }) };
    const rewritten = events.map((e, i) => (i === 4 ? { ...forged, hash: eventHash(forged) } : e));
    expect((await verifyLedger(rewritten)).failure).toMatchObject({
      kind: 'prev-hash-mismatch',
      event: { stream: 's1', revision: '1', position: '5', index: 4 },
    });
    // A successor whose own link was edited (its hash no longer covers it) is the one named.
    const relinked = events.map((e, i) => (i === 7 ? { ...e, prevHash: 'f'.repeat(64) } : e));
    expect((await verifyLedger(relinked)).failure).toMatchObject({ kind: 'prev-hash-mismatch', event: { stream: 's1', revision: '2', index: 7 } });
  });

  it('accepts bigint revisions as the event store returns them', async () => {
    const events = chain([{ stream: 's', type: 't', data: {}, schemaVersion: 1 }], () => '1').map((e) => ({ ...e, revision: 0n }));
    expect((await verifyLedger(events)).ok).toBe(true);
  });

  it.each([
    ['decimal', (i: number) => String(i * 10 + 5)],
    ['commit/prepare', (i: number) => `${i * 10 + 5}/${i * 10 + 3}`],
    ['beyond 2^53', (i: number) => `${2n ** 60n + BigInt(i)}/0`],
  ])('orders %s positions and flags a step back', async (_format, position) => {
    const parts = Array.from({ length: 12 }, (_, i) => ({ stream: `s${i % 3}`, type: 't', data: { i }, schemaVersion: 1 }));
    const events = chain(parts, position);
    expect((await verifyLedger(events)).ok).toBe(true);
    const reordered = events.map((e, i) => (i === 7 ? { ...e, position: events[3]!.position } : e));
    expect((await verifyLedger(reordered)).failure).toMatchObject({ kind: 'position-order', event: { index: 6 } });
  });

  describe('verifyExport', () => {
    async function* stream<T>(items: readonly T[]): AsyncGenerator<T> {
      yield* items;
    }
    const header: ExportRecord = { kind: 'header', format: EXPORT_FORMAT, version: EXPORT_VERSION, origin: 'ogp.example/log' };
    const parts = Array.from({ length: 40 }, (_, i) => ({ stream: `s${i % 4}`, type: i % 5 === 0 ? 'A' : 'B', data: { i }, schemaVersion: 1 }));
    const events = chain(parts, (i) => String(i + 1));
    /** Each kind of change the verifier names, at a chosen event. */
    const tamper = (e: ExportedEvent, how: number): ExportedEvent => {
      if (how === 0) return { ...e, data: '{"i":-1}' };
      if (how === 1) return { ...e, prevHash: e.prevHash === null ? 'ab'.repeat(32) : null };
      if (how === 2) return { ...e, revision: Number(e.revision) + 1 };
      return { ...e, position: '1' }; // the first event's: a step back
    };

    it('gives the same report for records one at a time and in arrays of any size', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 39 }), fc.nat({ max: 4 }), fc.integer({ min: 1, max: 50 }), async (at, how, size) => {
          const records: ExportRecord[] = [header, ...events.map((e, i) => ({ kind: 'event' as const, ...(i === at && how < 4 ? tamper(e, how) : e) }))];
          const batches: ExportRecord[][] = [];
          for (let i = 0; i < records.length; i += size) batches.push(records.slice(i, i + size));
          const one = await verifyExport(stream(records));
          expect(await verifyExport(stream(batches))).toEqual(one);
          expect(one.ok).toBe(how === 4);
        }),
        { numRuns: 100 },
      );
    });

    it('refuses events before the header in a batch', async () => {
      await expect(verifyExport(stream([[{ kind: 'event' as const, ...events[0]! }]]))).rejects.toThrow(/no header/);
    });
  });

  describe('in batches', () => {
    // A log long enough for several batches, with checkpoints (some signed over another root) at any sizes: every
    // batch size and hasher must give the report, and the progress, of checking one event at a time.
    const origin = 'test.example/log';
    const keys = generateNoteKey(origin);
    const signer = parseSignerKey(keys.signerKey);
    const parts = Array.from({ length: 2600 }, (_, i) => ({ stream: `s${(i * 7) % 37}`, type: i % 3 === 0 ? 'A' : 'B', data: { i, note: 'ü'.repeat(i % 5) }, schemaVersion: 1 }));
    const events = chain(parts, (i) => String(i + 1));
    const tree = new MerkleTree();
    for (const e of events) tree.append(entryHashBytes(e.hash));
    const hashers = [nativeHasher(), javascriptHasher].filter((h) => h !== null);
    const tamper = (e: ExportedEvent, how: number): ExportedEvent => {
      if (how === 0) return { ...e, data: '{"i":-1}' };
      if (how === 1) return { ...e, prevHash: e.prevHash === null ? 'ab'.repeat(32) : null };
      if (how === 2) return { ...e, revision: Number(e.revision) + 1 };
      if (how === 3) return { ...e, hash: e.hash.toUpperCase() };
      return { ...e, position: '1' };
    };
    const run = (log: readonly ExportedEvent[], checkpoints: string[], options: ConstructorParameters<typeof LedgerVerifier>[0]) => {
      const progress: VerifyProgress[] = [];
      const verifier = new LedgerVerifier({ publicKey: keys.verifierKey, checkpoints, progressEvery: 400, onProgress: (p) => progress.push(p), ...options });
      for (const e of log) if (verifier.addEvent(e) !== null) break;
      return { report: verifier.finish(), progress };
    };

    it('reports what checking one event at a time reports', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: events.length - 1 }),
          fc.integer({ min: 0, max: 5 }),
          fc.array(fc.record({ size: fc.integer({ min: 1, max: events.length }), forged: fc.boolean() }), { maxLength: 3 }),
          fc.constantFrom(1, 3, 64, 1024),
          fc.constantFrom(...hashers),
          (at, how, signed, batchSize, hasher) => {
            const log = events.map((e, i) => (i === at && how < 5 ? tamper(e, how) : e));
            // The first event's position is '1' already: that "tamper" changes nothing.
            const changed = JSON.stringify(log[at]) !== JSON.stringify(events[at]);
            const notes = signed.map(({ size, forged }) => signCheckpoint(origin, size, forged ? Buffer.alloc(32, 7) : tree.root(size), signer));
            const expected = run(log, notes, { batchSize: 1, hasher: javascriptHasher });
            expect(run(log, notes, { batchSize, hasher })).toEqual(expected);
            expect(expected.report.ok).toBe(!changed && signed.every((c) => !c.forged));
          },
        ),
        { numRuns: 60 },
      );
    });

    it('refuses a batch size it cannot keep', () => {
      expect(() => new LedgerVerifier({ batchSize: 0 })).toThrow(RangeError);
      expect(() => new LedgerVerifier({ batchSize: 10_000 })).toThrow(RangeError);
    });
  });

  describe('with checkpoints that arrive late', () => {
    // The 2600-event log with a window of 64 recent sizes: checkpoints are added after `lag` more events.
    const origin = 'test.example/log';
    const keys = generateNoteKey(origin);
    const signer = parseSignerKey(keys.signerKey);
    const parts = Array.from({ length: 2600 }, (_, i) => ({ stream: `s${(i * 7) % 37}`, type: 'B', data: { i }, schemaVersion: 1 }));
    const events = chain(parts, (i) => String(i + 1));
    const tree = new MerkleTree();
    for (const e of events) tree.append(entryHashBytes(e.hash));
    const note = (size: number, forged = false) => signCheckpoint(origin, size, forged ? Buffer.alloc(32, 7) : tree.root(size), signer);
    type Late = { size: number; lag: number; forged: boolean };
    /** Feeds the log, each checkpoint `lag` events after its size (or at the end); returns the report. */
    const run = (log: readonly ExportedEvent[], late: readonly Late[], options: ConstructorParameters<typeof LedgerVerifier>[0] = {}) => {
      const verifier = new LedgerVerifier({ publicKey: keys.verifierKey, progressEvery: 400, ...options });
      const due = (at: number) => late.filter((c) => Math.min(c.size + c.lag, log.length) === at);
      for (const c of due(0)) verifier.addCheckpoint(note(c.size, c.forged));
      for (const [i, e] of log.entries()) {
        if (verifier.addEvent(e) !== null) break;
        for (const c of due(i + 1)) verifier.addCheckpoint(note(c.size, c.forged));
      }
      return verifier.finish();
    };
    /** What a verifier that keeps every node reports: the window covers the whole log. */
    const everyNode = { lateCheckpointWindow: events.length };
    const late = fc.array(fc.record({ size: fc.integer({ min: 1, max: events.length }), lag: fc.nat({ max: events.length }), forged: fc.boolean() }), { maxLength: 4 });

    it('checks a checkpoint up to its window late exactly, with memory for the window only', () => {
      const report = run(events, [{ size: 2000, lag: 64, forged: false }, { size: 2301, lag: 64, forged: false }, { size: 2500, lag: 100, forged: false }], { lateCheckpointWindow: 64, checkpointSizes: [2500] });
      expect(report).toMatchObject({ ok: true, checkpointsVerified: 3, verifiedTreeSize: 2500 });
      expect(run(events, [{ size: 2000, lag: 64, forged: true }], { lateCheckpointWindow: 64 }).failure).toMatchObject({ kind: 'checkpoint-root-mismatch', checkpoint: { treeSize: 2000 } });
      const verifier = new LedgerVerifier({ lateCheckpointWindow: 64 });
      for (const e of events) verifier.addEvent(e);
      expect(verifier.merkleNodeBytes).toBeLessThan(200 * 64);
    });

    it('fails one later than its window as too late, not as tampering, whether it is good or forged', () => {
      for (const forged of [false, true]) {
        const report = run(events, [{ size: 1001, lag: 300, forged }], { lateCheckpointWindow: 64 });
        expect(report).toMatchObject({ ok: false, events: 1301, failure: { kind: 'checkpoint-too-late', event: null } });
        expect(report.failure!.message).toMatch(/size 1001 came 300 events after/);
        expect(report.failure!.message).toMatch(/verify --export/);
      }
    });

    it('gives the report of a verifier that keeps every node, for checkpoints hinted by size (checkpointSizes), however late', () => {
      fc.assert(
        fc.property(late, fc.integer({ min: 0, max: 3 }), fc.constantFrom(1, 5, 64), (checkpoints, tampered, window) => {
          // Some runs rewrite event 1200's data and chain: only a checkpoint covering it can tell.
          const log = tampered === 0 ? rechained(events, 1200) : events;
          const hinted = run(log, checkpoints, { lateCheckpointWindow: window, checkpointSizes: checkpoints.map((c) => c.size) });
          expect(hinted).toEqual(run(log, checkpoints, everyNode));
        }),
        { numRuns: 60 },
      );
    });

    it('without hints, gives that report whenever every checkpoint is within its window, and fails only as too late otherwise', () => {
      fc.assert(
        fc.property(late, fc.constantFrom(1, 5, 64), (checkpoints, window) => {
          const report = run(events, checkpoints, { lateCheckpointWindow: window });
          const expected = run(events, checkpoints, everyNode);
          if (checkpoints.every((c) => Math.min(c.lag, events.length - c.size) <= window)) expect(report).toEqual(expected);
          else if (report.failure?.kind !== 'checkpoint-too-late') expect(report).toEqual(expected);
        }),
        { numRuns: 60 },
      );
    });

    it('accepts a checkpoint given up front and again far later (a duplicate is not a failure)', () => {
      const report = run(events, [{ size: 700, lag: 1500, forged: false }], { lateCheckpointWindow: 16, checkpoints: [note(700)] });
      expect(report).toMatchObject({ ok: true, checkpointsVerified: 1, verifiedTreeSize: 700 });
      const forged = run(events, [{ size: 700, lag: 1500, forged: true }], { lateCheckpointWindow: 16, checkpoints: [note(700)] });
      expect(forged.failure).toMatchObject({ kind: 'checkpoint-root-mismatch', checkpoint: { treeSize: 700 } });
    });

    it('refuses a window it cannot keep', () => {
      expect(() => new LedgerVerifier({ lateCheckpointWindow: 0 })).toThrow(RangeError);
    });
  });

  describe('memory', () => {
    /** A long log, made as it is read: `n` events over 1000 streams. */
    function* longLog(n: number): Generator<ExportedEvent> {
      const tips: (string | null)[] = new Array<string | null>(1000).fill(null);
      for (let i = 0; i < n; i++) {
        const s = i % 1000;
        const base = { stream: `s${s}`, revision: Math.floor(i / 1000), type: 'B', schemaVersion: 1, data: `{"i":${i}}`, metadata: '{}', prevHash: tips[s]! };
        const hash = eventHash(base);
        tips[s] = hash;
        yield { ...base, hash, position: String(i + 1) };
      }
    }

    it('holds the same Merkle node bytes after 200,000 and 400,000 events, bar one level of 2 nodes', () => {
      const window = 1024;
      const verifier = new LedgerVerifier({ lateCheckpointWindow: window });
      const bytes: number[] = [];
      let i = 0;
      for (const e of longLog(400_000)) {
        verifier.addEvent(e);
        if (++i % 200_000 === 0) bytes.push(verifier.merkleNodeBytes);
      }
      // Per level, the newest floor(window / 2^level) + 2 nodes: 19 levels hold 400,000 leaves, 18 hold 200,000.
      const kept = (levels: number) => Array.from({ length: levels }, (_, level) => (Math.floor(window / 2 ** level) + 2) * 32).reduce((a, b) => a + b, 0);
      expect(bytes).toEqual([kept(18), kept(19)]);
      expect(kept(19) - kept(18)).toBe(64);
      expect(verifier.finish()).toMatchObject({ ok: true, events: 400_000 });
    });

    it('by default checks a checkpoint 65,536 events late, and fails one much later as too late', () => {
      const origin = 'test.example/log';
      const keys = generateNoteKey(origin);
      const signer = parseSignerKey(keys.signerKey);
      const tree = new MerkleTree();
      const verifier = new LedgerVerifier({ publicKey: keys.verifierKey });
      const notes = new Map<number, string>();
      let i = 0;
      for (const e of longLog(140_001)) {
        verifier.addEvent(e);
        tree.append(entryHashBytes(e.hash));
        i++;
        if (i === 10_001 || i === 70_001) notes.set(i, signCheckpoint(origin, i, tree.root(), signer));
        if (i === 70_001 + 65_536) expect(verifier.addCheckpoint(notes.get(70_001)!)).toBeNull();
      }
      expect(verifier.addCheckpoint(notes.get(10_001)!)).toMatchObject({ kind: 'checkpoint-too-late' });
    });
  });

  describe('a log whose signing key was replaced', () => {
    // given a log of 40 events with a checkpoint at 20 signed by the old key and one at 40 by the new key
    const origin = 'test.example/log';
    const [oldKeys, newKeys] = [generateNoteKey(origin), generateNoteKey(origin)];
    const events = chain(Array.from({ length: 40 }, (_, i) => ({ stream: `s${i % 3}`, type: 'B', data: { i }, schemaVersion: 1 })), (i) => String(i + 1));
    const tree = new MerkleTree();
    for (const e of events) tree.append(entryHashBytes(e.hash));
    const notes = [signCheckpoint(origin, 20, tree.root(20), parseSignerKey(oldKeys.signerKey)), signCheckpoint(origin, 40, tree.root(40), parseSignerKey(newKeys.signerKey))];
    const verify = (publicKey: string | string[], checkpoints = notes) => {
      const verifier = new LedgerVerifier({ publicKey, checkpoints });
      for (const e of events) verifier.addEvent(e);
      return verifier.finish();
    };

    it('fails with either key alone, and verifies every checkpoint given both', () => {
      expect(verify(oldKeys.verifierKey)).toMatchObject({ ok: false, failure: { kind: 'checkpoint-signature' } });
      expect(verify(newKeys.verifierKey)).toMatchObject({ ok: false, failure: { kind: 'checkpoint-signature' } });
      expect(verify([oldKeys.verifierKey, newKeys.verifierKey])).toMatchObject({ ok: true, checkpointsVerified: 2, verifiedTreeSize: 40 });
    });

    it('refuses an empty list of keys at once, rather than failing at the first checkpoint', () => {
      expect(() => new LedgerVerifier({ publicKey: [] })).toThrow('publicKey: give at least one key (or none at all)');
    });

    it('still refuses a checkpoint over another root, whichever key signed it', () => {
      const forged = signCheckpoint(origin, 40, Buffer.alloc(32, 7), parseSignerKey(oldKeys.signerKey));
      expect(verify([oldKeys.verifierKey, newKeys.verifierKey], [notes[0]!, forged])).toMatchObject({ ok: false });
    });
  });
});
