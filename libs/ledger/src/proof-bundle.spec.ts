// Proof bundles: one event, its inclusion path and a signed checkpoint, checked with only the public key.
import { canonicalize } from './canonical';
import { eventHash } from './chain';
import { signCheckpoint } from './checkpoint';
import { ExportedEvent } from './export-format';
import { entryHashBytes } from './merkle-hash';
import { MerkleTree } from './merkle-tree';
import { generateNoteKey, parseSignerKey } from './note-key';
import { buildProofBundle, ProofBundle, verifyProofBundle } from './proof-bundle';

const ORIGIN = 'ogp.example/log';
const keys = generateNoteKey(ORIGIN);
const signer = parseSignerKey(keys.signerKey);

function log(n: number): { tree: MerkleTree; events: ExportedEvent[] } {
  const tree = new MerkleTree();
  const events: ExportedEvent[] = [];
  for (let i = 0; i < n; i++) {
    const base = {
      stream: `plan-${i}`,
      revision: 0,
      type: 'ActionPlanDrafted',
      schemaVersion: 1,
      data: canonicalize({ title: `plan ${i}` }),
      metadata: canonicalize({ actorId: 'a' }),
      prevHash: null,
    };
    const hash = eventHash(base);
    events.push({ ...base, hash, position: String(i + 1) });
    tree.append(entryHashBytes(hash));
  }
  return { tree, events };
}

describe('proof bundles', () => {
  const { tree, events } = log(13);
  const note = signCheckpoint(ORIGIN, 11, tree.root(11), signer);
  const bundle = buildProofBundle(tree, events[6]!, 6, note);

  it('verify with the public key alone, after a JSON round trip', () => {
    const copy = JSON.parse(JSON.stringify(bundle)) as ProofBundle;
    expect(verifyProofBundle(copy, keys.verifierKey, ORIGIN)).toEqual({
      ok: true,
      origin: ORIGIN,
      treeSize: 11,
      rootHash: tree.root(11).toString('base64'),
    });
  });

  it.each<[string, (b: ProofBundle) => ProofBundle, string]>([
    ['a changed event', (b) => ({ ...b, event: { ...b.event, data: '{"title":"plan 7"}' } }), 'event-hash-mismatch'],
    ['another event with its own hash', (b) => ({ ...b, event: { ...events[7]!, revision: 0 } }), 'leaf-hash-mismatch'],
    ['a wrong leaf index', (b) => ({ ...b, leafIndex: 7 }), 'not-included'],
    ['a leaf beyond the checkpoint', (b) => ({ ...b, leafIndex: 12 }), 'not-included'],
    ['a flipped path hash', (b) => ({ ...b, inclusionPath: [Buffer.alloc(32).toString('base64'), ...b.inclusionPath.slice(1)] }), 'not-included'],
    ['a truncated path', (b) => ({ ...b, inclusionPath: b.inclusionPath.slice(1) }), 'not-included'],
    ['a forged checkpoint', (b) => ({ ...b, checkpoint: b.checkpoint.replace('\n11\n', '\n13\n') }), 'checkpoint-not-verified'],
    ['not a bundle', () => ({}) as ProofBundle, 'malformed-bundle'],
    ['a bundle without its event', (b) => ({ ...b, event: null }) as unknown as ProofBundle, 'malformed-bundle'],
    ['an event without its fields', (b) => ({ ...b, event: {} }) as unknown as ProofBundle, 'malformed-bundle'],
    ['a bundle without its checkpoint', (b) => ({ ...b, checkpoint: undefined }) as unknown as ProofBundle, 'malformed-bundle'],
  ])('reject %s', (_what, tamper, reason) => {
    expect(verifyProofBundle(tamper(bundle), keys.verifierKey)).toMatchObject({ ok: false, reason });
  });

  it('reject a bundle checked against another key', () => {
    expect(verifyProofBundle(bundle, generateNoteKey(ORIGIN).verifierKey)).toMatchObject({ ok: false, reason: 'checkpoint-not-verified' });
  });
});
