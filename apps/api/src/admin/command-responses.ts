// OpenAPI documentation shared by every command route: the result body, the If-Match/Idempotency-Key headers, the problems.
import { applyDecorators } from '@nestjs/common';
import { aggregateOfType, COMMAND_ERRORS, ERROR_CATALOGUE, type CommandType, type ErrorCode } from '@ogp/domain';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ID_EXAMPLES } from '../platform/id-examples';
import { Idempotent } from '../platform/idempotency.guard';
import { DOMAIN_ERROR_KINDS, PROBLEM_TYPE_PREFIX } from '../platform/problem-table';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiProperty, ApiResponse } from '@nestjs/swagger';

export class CommandResultResponse {
  @ApiProperty({ example: `commitment-${ID_EXAMPLES.commitment}` }) stream!: string;
  @ApiProperty({ example: '4', description: 'The stream revision after the command; also the ETag' }) revision!: string;
  @ApiProperty({ example: '120/120', nullable: true, type: String, description: 'Global position of the last event written; null when nothing changed' }) position!: string | null;
  @ApiProperty({ example: ['0b8e2f8c-8f7a-5d53-a3a5-6f1e6d0c4e21'], type: [String] }) eventIds!: string[];
  @ApiProperty({ example: ['ProgressReported'], type: [String] }) eventTypes!: string[];
  @ApiProperty({
    example: [],
    type: [String],
    description: 'What to know about the events written beyond "done", e.g. a plan recorded as submitted without endorsement, or a claim marked late; usually empty',
  })
  notices!: string[];
  @ApiProperty({
    example: { commitmentId: ID_EXAMPLES.commitment, milestoneId: ID_EXAMPLES.milestone, claimId: ID_EXAMPLES.claim },
    description: 'The ids the command acted on, those the server made for a new entity included (a new plan, commitment, milestone, claim or forum meeting): what the next request needs',
  })
  ids!: Record<string, string>;
}

/**
 * Commands that start a new stream: no revision of it can have been read, so If-Match cannot apply (issue() refuses
 * it with a 400 rather than an always-failing 412 about a stream the client has never seen).
 */
export const CREATING_COMMANDS: ReadonlySet<string> = new Set(['RegisterMember', 'DraftActionPlan', 'AddCommitment']);

/**
 * The generic text of a problem status, followed by the problem types of the domain command answered with it (its
 * codes in COMMAND_ERRORS whose kind maps to the status), so that a client sees which ones it has to handle.
 */
export function problemsDescription(domainCommand: CommandType, status: number, generic: string): string {
  const types = [
    ...(PLATFORM_TYPES_BY_STATUS[status] ?? []).map((code) => `- \`${PROBLEM_TYPE_PREFIX}${code}\`: ${PLATFORM_TYPE_TEXTS[code]}`),
    ...COMMAND_ERRORS[domainCommand]
      .filter((code) => !UNREACHABLE_THROUGH_THE_API.has(code) && DOMAIN_ERROR_KINDS[ERROR_CATALOGUE[code].kind].status === status)
      .map((code) => `- \`${PROBLEM_TYPE_PREFIX}${code}\`: ${ERROR_CATALOGUE[code].title}`),
  ];
  return types.length === 0 ? generic : `${generic}. Problem types of \`${domainCommand}\`:\n\n${types.join('\n')}`;
}

/**
 * Codes the deciders keep for callers other than the API, which the API never answers: the route's role guard
 * refuses a key of another role first (`forbidden`), and a reviewer key, which cannot report claims, cannot have
 * reported the claim it reviews.
 */
export const UNREACHABLE_THROUGH_THE_API: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['actor.forbidden-role', 'review.own-claim']);

/** The platform's problems a command route answers under a status, whatever its command. */
const PLATFORM_TYPES_BY_STATUS: Readonly<Record<number, readonly string[]>> = { 403: ['forbidden', 'access.outside-member-scope'] };
const PLATFORM_TYPE_TEXTS: Readonly<Record<string, string>> = {
  forbidden: 'This key\'s role may not issue this command',
  'access.outside-member-scope': 'This key is scoped to another member',
};

/**
 * What a client of a review route must know beyond its body: the rules the reviews follow (also in the README,
 * "Rules the deciders enforce").
 */
const REVIEW_RULES =
  ' A review names the version it looked at, which must be the current one (an older one: 409 claim.stale-version); each version is ' +
  'verified or disputed once (409 claim.already-reviewed), and a new version the city reports can be reviewed again. An evidence ' +
  'request leaves the version open: it can still be verified or disputed. A Complete version owes a verification or dispute within ' +
  'the verification rule\'s days of being recorded (compliance, obligation verification).';
const RULES_OF: Partial<Readonly<Record<CommandType, string>>> = { VerifyClaim: REVIEW_RULES, DisputeClaim: REVIEW_RULES, RequestEvidence: REVIEW_RULES };

/** Summary, auth, headers, 201 body and the problem answers of a command route. */
export function CommandRoute(summary: string, domainCommand: CommandType): MethodDecorator {
  const creates = CREATING_COMMANDS.has(domainCommand);
  const problems = (status: number, generic: string) => ApiResponse({ status, description: problemsDescription(domainCommand, status, generic) });
  return applyDecorators(
    Idempotent(),
    // The kind of entity the route's command decides on, for the Idempotency-Key record (refusedForAnotherEntity).
    RouteConfig({ ogpCommandAggregate: aggregateOfType(domainCommand) }),
    ApiOperation({
      summary,
      description: `Issues the domain command \`${domainCommand}\`. Answers 201 with the new revision as ETag.${creates ? ' It creates the entity: If-Match does not apply (400).' : ''}${RULES_OF[domainCommand] ?? ''}`,
    }),
    ApiBearerAuth('api-key'),
    ...(creates ? [] : [ApiHeader({ name: 'If-Match', required: false, description: 'The revision last read (its ETag): 412 if the entity changed since', example: '"3"' })]),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key returns the first answer and writes nothing', example: 'claim-2022-06-30-ppid' }),
    ApiCreatedResponse({ type: CommandResultResponse, description: 'Events written; ETag is the new revision' }),
    ApiResponse({ status: 400, description: 'Invalid body, path id or header (application/problem+json)' }),
    ApiResponse({ status: 401, description: 'Missing or invalid API key' }),
    problems(403, 'Wrong role, or a key scoped to another member'),
    // A command naming no entity that may be missing (RegisterMember) cannot answer 404.
    ...(COMMAND_ERRORS[domainCommand].some((code) => ERROR_CATALOGUE[code].kind === 'not-found') ? [problems(404, 'The entity does not exist')] : []),
    problems(409, 'The entity is in a state that does not allow this, or a concurrent change'),
    // If-Match does not apply to a command that creates its entity (400): no 412.
    ...(creates ? [] : [ApiResponse({ status: 412, description: 'If-Match names a revision the entity no longer has' })]),
    // The body's own validation answers many malformed fields with 400 first: the domain's codes remain for the rest.
    problems(422, 'A domain rule refuses the command, or the Idempotency-Key was used for another request'),
    ApiResponse({ status: 429, description: 'Too many writes for this key' }),
  );
}
