// The ledger index's SQLite node store passes the MerkleNodeStore contract of @ogp/ledger, kept across a reopen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The contract uses jest globals, so @ogp/ledger's index does not export it: imported from its file, as a spec only.
import { merkleNodeStoreContract } from '../../../ledger/src/merkle-node-store.contract';
import { LedgerIndex } from './ledger-index';

merkleNodeStoreContract('SqliteMerkleNodeStore (LedgerIndex)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogp-ledger-index-spec-'));
  const file = join(dir, 'ledger.sqlite');
  let index = LedgerIndex.open(file);
  return {
    store: index.nodes,
    reopen: () => {
      index.close();
      index = LedgerIndex.open(file);
      return index.nodes;
    },
    close: () => {
      index.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
