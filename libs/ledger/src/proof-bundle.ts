// Offline proof for one event: the event, its leaf hash, the inclusion path and a signed checkpoint that covers it.
import { hash } from 'node:crypto';
import { chainEntryText } from './chain';
import { openCheckpoint, parseCheckpointText } from './checkpoint';
import { ExportedEvent } from './export-format';
import { LedgerError } from './ledger-error';
import { entryHashBytes, merkleLeafHash } from './merkle-hash';
import { checkInclusion } from './merkle-proof';
import { MerkleTree } from './merkle-tree';
import { NoteVerifierInput, parseSignedNote } from './signed-note';

export const PROOF_BUNDLE_FORMAT = 'ogp-ledger-proof';

export interface ProofBundle {
  readonly format: typeof PROOF_BUNDLE_FORMAT;
  readonly version: 1;
  /** The event exactly as hashed (canonical data and metadata texts); revision as a JSON number. */
  readonly event: ExportedEvent & { readonly revision: number };
  /** 0-based index of the event in the global order (its Merkle leaf). */
  readonly leafIndex: number;
  /** Base64 SHA-256(0x00 || event hash). */
  readonly leafHash: string;
  /** Base64 sibling hashes, leaf to root, for the tree of the checkpoint's size. */
  readonly inclusionPath: readonly string[];
  /** The C2SP signed checkpoint note whose root the path leads to. */
  readonly checkpoint: string;
}

export type ProofBundleFailure =
  | 'malformed-bundle'
  | 'event-hash-mismatch'
  | 'leaf-hash-mismatch'
  | 'checkpoint-not-verified'
  | 'not-included';

export type ProofBundleResult =
  | { readonly ok: true; readonly origin: string; readonly treeSize: number; readonly rootHash: string }
  | { readonly ok: false; readonly reason: ProofBundleFailure; readonly message: string };

/** Builds the bundle from the server's tree (which must have at least the checkpoint's size). */
export function buildProofBundle(tree: MerkleTree, event: ExportedEvent, leafIndex: number, checkpointNote: string): ProofBundle {
  const cp = parseCheckpointText(parseSignedNote(checkpointNote).text);
  const revision = Number(event.revision);
  if (!Number.isSafeInteger(revision)) throw new LedgerError('invalid-size', `revision ${event.revision} is beyond 2^53`);
  return {
    format: PROOF_BUNDLE_FORMAT,
    version: 1,
    event: { ...event, revision },
    leafIndex,
    leafHash: merkleLeafHash(entryHashBytes(event.hash)).toString('base64'),
    inclusionPath: tree.inclusionProof(leafIndex, cp.treeSize).map((h) => h.toString('base64')),
    checkpoint: checkpointNote,
  };
}

const failure = (reason: ProofBundleFailure, message: string): ProofBundleResult => ({ ok: false, reason, message });

/** Checks a proof bundle with nothing but the log's public key: ok, or the reason it does not hold. */
export function verifyProofBundle(bundle: ProofBundle, publicKey: NoteVerifierInput, origin?: string): ProofBundleResult {
  if (bundle?.format !== PROOF_BUNDLE_FORMAT || bundle.version !== 1 || typeof bundle.event !== 'object' || bundle.event === null) {
    return failure('malformed-bundle', `not an ${PROOF_BUNDLE_FORMAT} v1 bundle`);
  }
  if (typeof bundle.checkpoint !== 'string') return failure('malformed-bundle', 'checkpoint must be the signed note text');
  let entry: string;
  try {
    entry = chainEntryText(bundle.event);
  } catch (err) {
    // A bundle is untrusted input: an event missing its fields is a malformed bundle, not a crash of the verifier.
    if (err instanceof TypeError || err instanceof LedgerError) return failure('malformed-bundle', `event: ${err.message}`);
    throw err;
  }
  const recomputed = hash('sha256', entry, 'hex');
  if (recomputed !== bundle.event.hash) return failure('event-hash-mismatch', 'the event does not hash to its recorded hash');
  const leaf = merkleLeafHash(Buffer.from(recomputed, 'hex'));
  if (leaf.toString('base64') !== bundle.leafHash) return failure('leaf-hash-mismatch', 'the leaf hash is not SHA-256(0x00 || event hash)');
  let cp;
  try {
    cp = openCheckpoint(bundle.checkpoint, publicKey, origin);
  } catch (err) {
    if (err instanceof LedgerError) return failure('checkpoint-not-verified', err.message);
    throw err;
  }
  if (!Array.isArray(bundle.inclusionPath) || !bundle.inclusionPath.every((p) => typeof p === 'string')) {
    return failure('malformed-bundle', 'inclusionPath must be an array of base64 hashes');
  }
  if (!Number.isSafeInteger(bundle.leafIndex) || bundle.leafIndex < 0) return failure('malformed-bundle', 'bad leafIndex');
  const check = checkInclusion(
    leaf,
    bundle.leafIndex,
    cp.treeSize,
    bundle.inclusionPath.map((p) => Buffer.from(p, 'base64')),
    cp.rootHash,
  );
  if (!check.ok) return failure('not-included', `${check.code}: ${check.message}`);
  return { ok: true, origin: cp.origin, treeSize: cp.treeSize, rootHash: cp.rootHash.toString('base64') };
}
