// Response shapes shared by the reads (/docs-json's schemas): the { position, data } envelope, an audit-trail line,
// an entity's state and a piece of evidence. Each route's own shapes sit in a *.responses.ts beside its controller.
import { ApiProperty } from '@nestjs/swagger';
import { CLAIM_REVIEW_STATUSES, CLAIMABLE_COMPLETION, ENTITY_STATUSES, MEMBER_STATUSES, PLAN_STATUSES, type ClaimedCompletion, type ClaimReviewStatus } from '@ogp/domain';
import type { EntityKind } from '@ogp/projections';
import { ClosedSchema } from '../platform/closed-schema';

export { ClosedSchema };

export const ENTITY_KINDS: readonly EntityKind[] = ['member', 'plan', 'commitment'];
const ACTOR_ROLES = ['admin', 'reviewer', 'auditor', 'system'] as const;

/** What every read answers beside its data; each route's answer class extends it with its own `data`. */
@ClosedSchema()
export class ReadAnswer {
  @ApiProperty({
    type: String,
    nullable: true,
    example: '42/42',
    description: 'The global position ("commit/prepare") the read models reflected when read (null: none applied yet): a waitFor for later reads',
  })
  position!: string | null;
}

@ClosedSchema()
export class StorePositionResponse {
  @ApiProperty({ example: '42', description: 'Commit position, decimal digits (JSON has no 64-bit integers)' })
  commit!: string;

  @ApiProperty({ example: '42', description: 'Prepare position, decimal digits' })
  prepare!: string;
}

/** Who recorded an event, why and when: its metadata's fields, which the audit trail also gives beside the event. */
export class RecordedByResponse {
  @ApiProperty({ example: 'smg-admin-1', description: 'Key id of the actor' })
  actorId!: string;

  @ApiProperty({ enum: ACTOR_ROLES })
  actorRole!: string;

  @ApiProperty()
  commandId!: string;

  @ApiProperty()
  correlationId!: string;

  @ApiProperty({ type: String, nullable: true })
  causationId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The reason given with the command, if any' })
  reason!: string | null;

  @ApiProperty({ example: '2022-01-05T03:00:00.000Z', description: 'When the server recorded the event (UTC)' })
  recordedAt!: string;
}

/** Open: the store keeps any further metadata a writer adds (EventMetadata's index signature), so no additionalProperties: false. */
export class EventMetadataResponse extends RecordedByResponse {}

/** One stored event as the audit trail lists it (history, the event feed, a diff). */
@ClosedSchema()
export class AuditEntryResponse extends RecordedByResponse {
  @ApiProperty({ type: 'integer', description: 'Order among domain events; the cursor of the event feed' })
  seq!: number;

  @ApiProperty({ type: () => StorePositionResponse })
  position!: StorePositionResponse;

  @ApiProperty()
  eventId!: string;

  @ApiProperty({ example: 'commitment-semarang-2021-c1' })
  stream!: string;

  @ApiProperty({ enum: ENTITY_KINDS })
  entityKind!: EntityKind;

  @ApiProperty({ example: 'semarang-2021-c1' })
  entityId!: string;

  @ApiProperty({ type: 'integer', description: 'The event\'s revision in its stream (0 first)' })
  revision!: number;

  @ApiProperty({ example: 'ProgressReported', description: 'The event type (README: events)' })
  type!: string;

  @ApiProperty({ type: 'integer' })
  schemaVersion!: number;

  @ApiProperty({ type: String, nullable: true, description: 'Business time: a date (YYYY-MM-DD) or an instant, as the event states it' })
  effectiveAt!: string | null;

  @ApiProperty({ description: 'Hex SHA-256 of the chain entry' })
  hash!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The hash of the stream\'s previous event (null for its first)' })
  prevHash!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event\'s data, as its type defines it' })
  data!: Record<string, unknown>;

  @ApiProperty({ type: () => EventMetadataResponse, description: 'The full metadata as recorded (the fields above come from it)' })
  metadata!: EventMetadataResponse;
}

/**
 * A member, plan or commitment as the entity-state read model holds it. `state` is the domain's whole state of that
 * kind (a member's, a plan's or a commitment's, README: entity states), described here as an object rather than
 * modelled three times: its keys follow the domain's state types.
 */
@ClosedSchema()
export class EntityStateResponse {
  @ApiProperty({ example: 'plan-semarang-2021' })
  stream!: string;

  @ApiProperty({ enum: ENTITY_KINDS })
  kind!: EntityKind;

  @ApiProperty({ example: 'semarang-2021' })
  entityId!: string;

  @ApiProperty({ type: String, nullable: true })
  memberId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The plan of a commitment, the plan itself, null for a member' })
  planId!: string | null;

  @ApiProperty({ type: String, nullable: true, enum: [...new Set([...MEMBER_STATUSES, ...PLAN_STATUSES, ...ENTITY_STATUSES])], description: 'The member\'s, plan\'s or commitment\'s status' })
  status!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The member\'s name, or the plan\'s or commitment\'s title' })
  title!: string | null;

  @ApiProperty({ type: 'integer', description: 'Revision of the last event folded (the ETag)' })
  revision!: number;

  @ApiProperty({ description: 'recordedAt of the last event folded' })
  recordedAt!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: "The domain's state of the member, plan or commitment (README: entity states)" })
  state!: Record<string, unknown>;
}

@ClosedSchema()
export class EvidenceResponse {
  @ApiProperty({ example: 'https://ppid.semarangkota.go.id/laporan-2022' })
  url!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Lowercase hex SHA-256 of the document' })
  sha256!: string | null;
}

/** A claim's review as a commitment's state holds it. */
@ClosedSchema()
export class ClaimReviewResponse {
  @ApiProperty({ enum: CLAIM_REVIEW_STATUSES })
  status!: ClaimReviewStatus;

  @ApiProperty({ type: String, nullable: true })
  reviewerId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
}

/** A progress claim's current version, as the commitment's state holds it. */
@ClosedSchema()
export class ProgressClaimResponse {
  @ApiProperty()
  claimId!: string;

  @ApiProperty()
  milestoneId!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ enum: CLAIMABLE_COMPLETION })
  completion!: ClaimedCompletion;

  @ApiProperty({ example: '2022-06-30', description: 'The date the claim speaks for' })
  asOf!: string;

  @ApiProperty()
  narrative!: string;

  @ApiProperty({ type: [EvidenceResponse] })
  evidence!: EvidenceResponse[];

  @ApiProperty({ description: 'Key id of who reported it' })
  claimedBy!: string;

  @ApiProperty({ description: 'Reported after the milestone was due' })
  late!: boolean;

  @ApiProperty({ type: () => ClaimReviewResponse })
  review!: ClaimReviewResponse;
}

/** How an answer names a commitment: our id, OGP's id and the title (each answer's class extends it and is closed). */
export class NamedCommitmentResponse {
  @ApiProperty()
  commitmentId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'IDSMG0001', description: "OGP's id (null until assigned)" })
  ogpId!: string | null;

  @ApiProperty()
  title!: string;
}
