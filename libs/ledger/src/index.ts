// Public surface of @ogp/ledger: canonical JSON, hash chains, Merkle log, proofs, checkpoints, offline verification.
export * from './canonical';
export * from './chain';
export * from './ledger-error';
export * from './tree-size';
export { EMPTY_TREE_ROOT, entryHashBytes, HASH_SIZE, merkleLeafHash, merkleNodeHash, merkleRootOf } from './merkle-hash';
export * from './merkle-node-store';
export * from './recent-merkle-node-store';
export * from './merkle-tree';
export * from './merkle-proof';
export * from './note-key';
export * from './signed-note';
export * from './checkpoint';
export * from './checkpoint-event';
export * from './export-format';
export * from './verify-report';
export * from './verify';
export * from './export-checkpoints';
export * from './proof-bundle';
