// Public surface of @ogp/ledger: canonical JSON, hash chains, Merkle log, proofs, checkpoints, offline verification.
export * from './canonical';
export * from './chain';
