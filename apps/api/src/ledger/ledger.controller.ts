// The transparency log routes: public key, signed checkpoints, inclusion and consistency proofs, offline proof bundles.
import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { LedgerError, parseVerifierKey } from '@ogp/ledger';
import { parseStream } from '@ogp/projections';
import {
  type ConsistencyAnswer,
  type InclusionAnswer,
  LedgerLog,
  LedgerLookupError,
  type Principal,
} from '@ogp/tracker';
import type { ProofBundle } from '@ogp/ledger';
import { Public, Roles } from '../platform/access.decorators';
import { Idempotent } from '../platform/idempotency.guard';
import { ReadScope } from '../audit/read-scope';
import { ProblemException } from '../platform/problem.exception';
import { CorrelationId, CurrentPrincipal } from '../platform/request.decorators';
import { ConsistencyQuery, EventIdParam, InclusionQuery, SizeParam } from './ledger.requests';
import { BUNDLE_EXAMPLE, CHECKPOINT_EXAMPLE, CONSISTENCY_EXAMPLE, INCLUSION_EXAMPLE, PUBLIC_KEY_EXAMPLE } from './ledger.examples';
import {
  CheckpointResponse,
  ConsistencyProofResponse,
  InclusionProofResponse,
  ProofBundleResponse,
  PublicKeyResponse,
  SignedCheckpointResponse,
} from './ledger.responses';

/** Lookup failures of the log become problems: a size beyond the log is a 400, an unknown event or checkpoint a 404, an event not yet under a checkpoint a 409. */
function problemOf(error: unknown): unknown {
  // The tree refuses a proof it cannot give (e.g. sizes out of order) with a LedgerError: the request was wrong.
  if (error instanceof LedgerError) return new ProblemException('bad-request', error.message);
  if (!(error instanceof LedgerLookupError)) return error;
  switch (error.kind) {
    case 'size-out-of-range':
      return new ProblemException('bad-request', error.message);
    case 'unknown-event':
    case 'no-checkpoint':
      return new ProblemException('not-found', error.message);
    case 'not-yet-checkpointed':
      return new ProblemException('checkpoint-pending', error.message);
    default: {
      const never: never = error.kind;
      return never;
    }
  }
}

function answer<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    throw problemOf(error);
  }
}

@ApiTags('ledger')
@Controller('ledger')
export class LedgerController {
  constructor(
    private readonly log: LedgerLog,
    private readonly scope: ReadScope,
  ) {}

  @Get('public-key')
  @Public()
  @ApiOperation({ summary: 'The Ed25519 key that signs checkpoints (keep it: it verifies everything offline)' })
  @ApiOkResponse({ type: PublicKeyResponse, description: 'the verifier key', example: PUBLIC_KEY_EXAMPLE })
  publicKey(): PublicKeyResponse {
    const key = parseVerifierKey(this.log.verifierKey);
    return { origin: this.log.origin, vkey: this.log.verifierKey, publicKey: key.publicKey.toString('base64'), keyId: key.keyId.toString('hex'), algorithm: 'ed25519' };
  }

  @Get('checkpoints/latest')
  @Public()
  @ApiOperation({ summary: 'The latest stored signed checkpoint (C2SP tlog-checkpoint note)' })
  @ApiOkResponse({ type: CheckpointResponse, description: 'the checkpoint', example: CHECKPOINT_EXAMPLE })
  @ApiResponse({ status: 404, description: 'No checkpoint has been signed yet (not-found)' })
  latest(): CheckpointResponse {
    const cp = this.log.latestCheckpoint();
    if (cp === null) throw new ProblemException('not-found', 'no checkpoint has been signed yet');
    return { origin: this.log.origin, ...cp };
  }

  @Get('checkpoints/:size')
  @Public()
  @ApiOperation({ summary: 'The stored signed checkpoint at this tree size (404 when none was signed at it)' })
  @ApiOkResponse({ type: CheckpointResponse, description: 'the checkpoint', example: CHECKPOINT_EXAMPLE })
  atSize(@Param() { size }: SizeParam): CheckpointResponse {
    const note = this.log.checkpointAt(size);
    if (note === null) throw new ProblemException('not-found', `no checkpoint was signed at size ${size}`);
    return { origin: this.log.origin, treeSize: size, note };
  }

  @Post('checkpoints')
  @HttpCode(201)
  @Idempotent()
  @ApiBearerAuth('api-key')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Sign a checkpoint of the log now and store it (admin or auditor)' })
  @ApiCreatedResponse({
    type: SignedCheckpointResponse,
    description: 'a new checkpoint, signed at the current size and stored (eventIds: the CheckpointSigned event)',
    example: { ...CHECKPOINT_EXAMPLE, eventIds: [INCLUSION_EXAMPLE.eventId] },
  })
  @ApiOkResponse({ type: SignedCheckpointResponse, description: 'the checkpoint already stored at the current size: nothing written (eventIds empty)' })
  @ApiResponse({ status: 503, description: 'The ledger log is stopping or has not caught up with the store (not-ready, Retry-After: 1)' })
  async sign(
    @CurrentPrincipal() principal: Principal,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CheckpointResponse & { eventIds: readonly string[] }> {
    // A checkpoint covers every member's events: not for a key scoped to one.
    this.scope.everyMember(principal, 'A checkpoint');
    const cp = await this.log.signCheckpoint({ actorId: principal.keyId, actorRole: principal.role, correlationId });
    // 201 only when something was created.
    if (cp.eventIds.length === 0) reply.status(200);
    return { origin: this.log.origin, ...cp };
  }

  @Get('proofs/inclusion')
  @Public()
  @ApiOperation({
    summary: 'Inclusion proof (RFC 9162) of an event, by its id or its leaf index, in the tree of the given size',
    description:
      'Give exactly one of eventId and leafIndex (400 otherwise): an auditor holding a whole-log export knows a line\'s leaf index, not its event id. An event or leaf beyond `size`, or a `size` beyond the log, is a 400; an unknown event id a 404.',
  })
  @ApiOkResponse({ type: InclusionProofResponse, description: 'event id, leaf index, leaf hash, audit path and root, in base64', example: INCLUSION_EXAMPLE })
  @ApiResponse({ status: 404, description: 'No event with this id is in the log (not-found)' })
  inclusion(@Query() { eventId, leafIndex, size }: InclusionQuery): InclusionAnswer {
    if (eventId !== undefined && leafIndex === undefined) return answer(() => this.log.inclusion(eventId, size));
    if (eventId === undefined && leafIndex !== undefined) return answer(() => this.log.inclusionAt(leafIndex, size));
    throw new ProblemException('bad-request', 'Give exactly one of eventId (the event\'s id) and leafIndex (its 0-based place in the log)');
  }

  @Get('proofs/consistency')
  @Public()
  @ApiOperation({ summary: 'Consistency proof (RFC 9162) that the tree of size `from` is a prefix of the tree of size `to`' })
  @ApiOkResponse({ type: ConsistencyProofResponse, description: 'the proof path and both roots, in base64', example: CONSISTENCY_EXAMPLE })
  consistency(@Query() query: ConsistencyQuery): ConsistencyAnswer {
    return answer(() => this.log.consistency(query.from, query.to));
  }

  @Get('bundles/:eventId')
  @ApiBearerAuth('api-key')
  @Roles('admin', 'reviewer', 'auditor')
  @ApiOperation({
    summary: 'Offline proof bundle: the event as hashed, its inclusion path and a signed checkpoint covering it (any key)',
    description:
      'The bundle holds the event\'s data (drafts included), so it needs a key; a key scoped to a member gets bundles of that member\'s events only (404 for others). 409 checkpoint-pending when no signed checkpoint covers the event yet.',
  })
  @ApiOkResponse({ type: ProofBundleResponse, description: 'an ogp-ledger-proof bundle', example: BUNDLE_EXAMPLE })
  @ApiResponse({ status: 409, description: 'No signed checkpoint covers the event yet (checkpoint-pending): sign one, or wait for the next' })
  async bundle(@Param() { eventId }: EventIdParam, @CurrentPrincipal() principal: Principal): Promise<ProofBundle> {
    let bundle: ProofBundle;
    try {
      bundle = await this.log.bundle(eventId);
    } catch (error) {
      throw problemOf(error);
    }
    if (principal.member !== null) {
      // As for entity reads: another member's event (or one of no member: keys, checkpoints) is not found.
      // The answer is the one an unknown event gets, naming nothing of the other member's.
      const entity = parseStream(bundle.event.stream);
      const unknown = new ProblemException('not-found', `no event ${eventId} in the log`);
      if (entity === null) throw unknown;
      await this.scope.entity(principal, entity.kind, entity.id).catch((error: unknown) => {
        throw error instanceof ProblemException && error.code === 'not-found' ? unknown : error;
      });
    }
    return bundle;
  }
}
