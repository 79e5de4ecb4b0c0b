// The in-memory node store passes the MerkleNodeStore contract.
import { InMemoryMerkleNodeStore } from './merkle-node-store';
import { merkleNodeStoreContract } from './merkle-node-store.contract';

merkleNodeStoreContract('InMemoryMerkleNodeStore', () => ({ store: new InMemoryMerkleNodeStore() }));
