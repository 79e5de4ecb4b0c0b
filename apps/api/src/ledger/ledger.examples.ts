// OpenAPI response examples of the ledger routes (illustrative values from a small demo log).
import { ID_EXAMPLES } from '../platform/id-examples';

const ORIGIN = 'ogp-ledger.local/log';
const ROOT = 'q1XzCq2e6t7tqWm1Q6fTgk3m0bdl3R2m1d8X4n5e9QU=';
const NOTE = `${ORIGIN}\n42\n${ROOT}\n\n— ${ORIGIN} PyqxwFq0S0pI0Jc3jC9lM2xQ0q8cU3o3bW9rX1yZ2aB3cD4eF5gH6iJ7kL8mN9oP0qR1sT2uV3wX4yZ5aB6cD7eF8gH9iJ0kL==\n`;

export const PUBLIC_KEY_EXAMPLE = {
  origin: ORIGIN,
  vkey: `${ORIGIN}+3f2ab1c0+AXq3n5VbTt1jU0l7l4f6QkM2yZk8pP0vN9r2W3e4R5t6`,
  publicKey: 'erefn5VbTt1jU0l7l4f6QkM2yZk8pP0vN9r2W3e4R5s=',
  keyId: '3f2ab1c0',
  algorithm: 'ed25519',
};

export const CHECKPOINT_EXAMPLE = { origin: ORIGIN, treeSize: 42, note: NOTE };

export const INCLUSION_EXAMPLE = {
  eventId: '6f1c9d1e-3b7a-4d7e-9a52-0c1f2e3d4b5a',
  leafIndex: 7,
  treeSize: 42,
  leafHash: 'Xb2m0Vv3JvQ9d6oUu3q7m1b8o1iW2x3y4z5A6B7C8D0=',
  path: ['cA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U8=', 'dB2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1V4='],
  rootHash: ROOT,
};

export const CONSISTENCY_EXAMPLE = {
  fromSize: 10,
  toSize: 42,
  path: ['eC3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W0=', 'fD4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1V2w3X8='],
  fromRoot: 'gE5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y4=',
  toRoot: ROOT,
};

export const BUNDLE_EXAMPLE = {
  format: 'ogp-ledger-proof',
  version: 1,
  event: {
    stream: `commitment-${ID_EXAMPLES.commitment}`,
    revision: 3,
    type: 'ProgressReported',
    schemaVersion: 1,
    data: `{"claimId":"${ID_EXAMPLES.claim}","claimedBy":"k_7d2f","commitmentId":"${ID_EXAMPLES.commitment}","completion":"Complete","effectiveAt":"2022-06-30","evidence":[{"sha256":null,"title":"PPID annual report 2022","url":"https://ppid.semarangkota.go.id/laporan-2022"}],"late":false,"milestoneId":"${ID_EXAMPLES.milestone}","narrative":"Portal launched","version":1}`,
    metadata:
      '{"actorId":"k_7d2f","actorRole":"admin","causationId":null,"commandId":"0b6e…","correlationId":"c1a2…","reason":null,"recordedAt":"2026-03-01T00:00:00.000Z"}',
    hash: '5d41402abc4b2a76b9719d911017c592ae1f2b3c4d5e6f708192a3b4c5d6e7f8',
    prevHash: '7d793037a0760186574b0282f2f435e7ae1f2b3c4d5e6f708192a3b4c5d6e7f8',
    position: '8/8',
  },
  leafIndex: 7,
  leafHash: INCLUSION_EXAMPLE.leafHash,
  inclusionPath: INCLUSION_EXAMPLE.path,
  checkpoint: NOTE,
};
