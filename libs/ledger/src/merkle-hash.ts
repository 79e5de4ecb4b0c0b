// RFC 6962 hashing: leaf = SHA-256(0x00 || entry hash), node = SHA-256(0x01 || left || right), and MTH by definition.
import { createHash } from 'node:crypto';
import { LedgerError } from './ledger-error';
import { sha256Leaf, sha256Node } from './merkle-sha256';
import { splitPoint } from './tree-size';

export const HASH_SIZE = 32;

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_TREE_ROOT: Buffer = createHash('sha256').digest();

function requireHash(h: Uint8Array, name: string): void {
  if (h.length !== HASH_SIZE) throw new LedgerError('invalid-hash', `${name} must be ${HASH_SIZE} bytes, got ${h.length}`);
}

/** The Merkle leaf hash of an event: SHA-256(0x00 || the event's 32-byte chain hash). */
export function merkleLeafHash(entryHash: Uint8Array): Buffer {
  requireHash(entryHash, 'entry hash');
  const out = Buffer.allocUnsafe(HASH_SIZE);
  sha256Leaf(entryHash, 0, out, 0);
  return out;
}

/** An interior node: SHA-256(0x01 || left || right). */
export function merkleNodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  requireHash(left, 'left hash');
  requireHash(right, 'right hash');
  const out = Buffer.allocUnsafe(HASH_SIZE);
  sha256Node(left, 0, right, 0, out, 0);
  return out;
}

/** The 32 bytes of a hex event hash (as chain.ts eventHash returns it). */
export function entryHashBytes(hex: string): Buffer {
  const bytes = Buffer.from(hex, 'hex');
  if (bytes.length !== HASH_SIZE || bytes.toString('hex') !== hex.toLowerCase()) {
    throw new LedgerError('invalid-hash', `not a hex SHA-256: ${JSON.stringify(hex.slice(0, 80))}`);
  }
  return bytes;
}

/**
 * MTH(D[n]) computed straight from RFC 6962 section 2.1's recursive definition over the leaf hashes. O(n): the
 * reference that the incremental tree is tested against, and handy for small trees.
 */
export function merkleRootOf(leafHashes: readonly Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return Buffer.from(EMPTY_TREE_ROOT);
  const mth = (from: number, to: number): Buffer => {
    const n = to - from;
    if (n === 1) return Buffer.from(leafHashes[from]!);
    const k = splitPoint(n);
    return merkleNodeHash(mth(from, from + k), mth(from + k, to));
  };
  return mth(0, leafHashes.length);
}
