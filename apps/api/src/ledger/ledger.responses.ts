// The answers of the ledger's GET routes (and of signing a checkpoint): key, checkpoints, proofs and bundles.
import { ApiProperty } from '@nestjs/swagger';
import { ClosedSchema } from '../audit/read.responses';

@ClosedSchema()
export class PublicKeyResponse {
  @ApiProperty({ example: 'ogp-ledger.local/log', description: "The log's origin line" })
  origin!: string;

  @ApiProperty({ description: 'C2SP verifier key text: <name>+<hex key id>+<base64(0x01 || key)>' })
  vkey!: string;

  @ApiProperty({ description: 'Base64 of the raw 32-byte Ed25519 public key' })
  publicKey!: string;

  @ApiProperty({ description: 'Hex of the 4-byte C2SP key id' })
  keyId!: string;

  @ApiProperty({ enum: ['ed25519'] })
  algorithm!: 'ed25519';
}

@ClosedSchema()
export class CheckpointResponse {
  @ApiProperty({ example: 'ogp-ledger.local/log' })
  origin!: string;

  @ApiProperty({ type: 'integer', description: 'Number of events (leaves) the checkpoint covers' })
  treeSize!: number;

  @ApiProperty({ description: 'The C2SP signed checkpoint note' })
  note!: string;
}

@ClosedSchema()
export class SignedCheckpointResponse extends CheckpointResponse {
  @ApiProperty({ type: [String], description: 'The CheckpointSigned event written (empty: one was already stored at this size)' })
  eventIds!: string[];
}

@ClosedSchema()
export class InclusionProofResponse {
  @ApiProperty()
  eventId!: string;

  @ApiProperty({ type: 'integer', description: "The event's 0-based place in the log" })
  leafIndex!: number;

  @ApiProperty({ type: 'integer' })
  treeSize!: number;

  @ApiProperty({ description: 'Base64' })
  leafHash!: string;

  @ApiProperty({ type: [String], description: 'Base64 sibling hashes, leaf to root' })
  path!: string[];

  @ApiProperty({ description: 'Base64' })
  rootHash!: string;
}

@ClosedSchema()
export class ConsistencyProofResponse {
  @ApiProperty({ type: 'integer' })
  fromSize!: number;

  @ApiProperty({ type: 'integer' })
  toSize!: number;

  @ApiProperty({ type: [String], description: 'Base64 hashes' })
  path!: string[];

  @ApiProperty({ description: 'Base64' })
  fromRoot!: string;

  @ApiProperty({ description: 'Base64' })
  toRoot!: string;
}

/** The event exactly as hashed: canonical data and metadata texts (strings, not objects). */
@ClosedSchema()
export class ExportedEventResponse {
  @ApiProperty()
  stream!: string;

  @ApiProperty({ type: 'integer' })
  revision!: number;

  @ApiProperty()
  type!: string;

  @ApiProperty({ type: 'integer' })
  schemaVersion!: number;

  @ApiProperty({ description: 'RFC 8785 canonical JSON text of the data, as stored and hashed' })
  data!: string;

  @ApiProperty({ description: 'RFC 8785 canonical JSON text of the metadata' })
  metadata!: string;

  @ApiProperty({ description: 'Hex SHA-256 of the chain entry' })
  hash!: string;

  @ApiProperty({ type: String, nullable: true })
  prevHash!: string | null;

  @ApiProperty({ example: '8/8', description: "The store's global position as text" })
  position!: string;
}

@ClosedSchema()
export class ProofBundleResponse {
  @ApiProperty({ enum: ['ogp-ledger-proof'] })
  format!: 'ogp-ledger-proof';

  @ApiProperty({ enum: [1] })
  version!: 1;

  @ApiProperty({ type: () => ExportedEventResponse })
  event!: ExportedEventResponse;

  @ApiProperty({ type: 'integer', description: '0-based index of the event in the global order (its Merkle leaf)' })
  leafIndex!: number;

  @ApiProperty({ description: 'Base64 SHA-256(0x00 || event hash)' })
  leafHash!: string;

  @ApiProperty({ type: [String], description: "Base64 sibling hashes, leaf to root, for the tree of the checkpoint's size" })
  inclusionPath!: string[];

  @ApiProperty({ description: 'The C2SP signed checkpoint note whose root the path leads to' })
  checkpoint!: string;
}
