// Verification of RFC 6962 / RFC 9162 section 2.1 inclusion and consistency proofs, written from the RFC's algorithms.
import { HASH_SIZE } from './merkle-hash';
import { sha256Node } from './merkle-sha256';
import { toSafeSize, TreeSize } from './tree-size';

export type ProofFailureCode =
  | 'index-out-of-range'
  | 'bad-sizes'
  | 'bad-hash-length'
  | 'wrong-proof-length'
  | 'root-mismatch';

/** Why a proof did not verify; `ok: true` when it did. */
export type ProofCheck = { readonly ok: true } | { readonly ok: false; readonly code: ProofFailureCode; readonly message: string };

const OK: ProofCheck = { ok: true };
const fail = (code: ProofFailureCode, message: string): ProofCheck => ({ ok: false, code, message });

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

function hashNode(left: Uint8Array, right: Uint8Array): Uint8Array {
  const out = new Uint8Array(HASH_SIZE);
  sha256Node(left, 0, right, 0, out, 0);
  return out;
}

function badLength(proof: readonly Uint8Array[]): boolean {
  return proof.some((p) => p.length !== HASH_SIZE);
}

/** RFC 9162 2.1.3.2, with details. Sizes that are not safe non-negative integers throw LedgerError('invalid-size'). */
export function checkInclusion(
  leafHash: Uint8Array,
  index: TreeSize,
  size: TreeSize,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): ProofCheck {
  // bigint inside: the RFC's bit shifts must not wrap at 2^31 as JS bit operators on numbers do.
  let fn = BigInt(toSafeSize(index, 'index'));
  let sn = BigInt(toSafeSize(size, 'size'));
  if (fn >= sn) return fail('index-out-of-range', `leaf index ${fn} is not below tree size ${sn}`);
  if (leafHash.length !== HASH_SIZE || root.length !== HASH_SIZE || badLength(proof)) {
    return fail('bad-hash-length', `hashes must be ${HASH_SIZE} bytes`);
  }
  sn -= 1n;
  let r: Uint8Array = leafHash;
  for (const p of proof) {
    if (sn === 0n) return fail('wrong-proof-length', 'inclusion proof is longer than the path to the root');
    if ((fn & 1n) === 1n || fn === sn) {
      r = hashNode(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = hashNode(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return fail('wrong-proof-length', 'inclusion proof is shorter than the path to the root');
  return bytesEqual(r, root) ? OK : fail('root-mismatch', 'the proof leads to a different root');
}

/**
 * RFC 9162 2.1.4.2, with details. As the test vectors require: equal sizes need an empty proof and identical roots;
 * a proof from the empty tree (size1 = 0) is refused as meaningless.
 */
export function checkConsistency(
  size1: TreeSize,
  size2: TreeSize,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): ProofCheck {
  const m = BigInt(toSafeSize(size1, 'size1'));
  const n = BigInt(toSafeSize(size2, 'size2'));
  if (m === 0n) return fail('bad-sizes', 'a consistency proof from the empty tree proves nothing');
  if (m > n) return fail('bad-sizes', `size1 ${m} is greater than size2 ${n}`);
  if (m === n) {
    if (proof.length !== 0) return fail('wrong-proof-length', 'equal sizes need an empty proof');
    return bytesEqual(root1, root2) ? OK : fail('root-mismatch', 'equal sizes but different roots');
  }
  if (proof.length === 0) return fail('wrong-proof-length', 'empty consistency proof');
  if (root1.length !== HASH_SIZE || root2.length !== HASH_SIZE || badLength(proof)) {
    return fail('bad-hash-length', `hashes must be ${HASH_SIZE} bytes`);
  }
  const path = (m & (m - 1n)) === 0n ? [root1, ...proof] : [...proof];
  let fn = m - 1n;
  let sn = n - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) return fail('wrong-proof-length', 'consistency proof is too long');
    if ((fn & 1n) === 1n || fn === sn) {
      fr = hashNode(c, fr);
      sr = hashNode(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = hashNode(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return fail('wrong-proof-length', 'consistency proof is too short');
  if (!bytesEqual(fr, root1)) return fail('root-mismatch', 'the proof does not lead to the old root');
  if (!bytesEqual(sr, root2)) return fail('root-mismatch', 'the proof does not lead to the new root');
  return OK;
}

/** True when `proof` shows the leaf at `index` in the tree of `size` leaves with root `root`. */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: TreeSize,
  size: TreeSize,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  return checkInclusion(leafHash, index, size, proof, root).ok;
}

/** True when `proof` shows the tree of size1 leaves (root1) is a prefix of the tree of size2 leaves (root2). */
export function verifyConsistency(
  size1: TreeSize,
  size2: TreeSize,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  return checkConsistency(size1, size2, proof, root1, root2).ok;
}
