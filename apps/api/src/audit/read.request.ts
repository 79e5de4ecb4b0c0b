// Request shapes shared by every audit read: which entity, as of when, and which own write to wait for.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ENTITY_ID_PATTERN } from '@ogp/domain';
import { AS_OF_PATTERN, type EntityKind } from '@ogp/projections';
import { applyDecorators } from '@nestjs/common';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { DecimalInteger } from '../platform/decimal-integer';

const KINDS = { members: 'member', plans: 'plan', commitments: 'commitment' } as const satisfies Record<string, EntityKind>;
export type EntityCollection = keyof typeof KINDS;

export function kindOf(collection: EntityCollection): EntityKind {
  return KINDS[collection];
}

/** What a request hears when its as-of does not match @ogp/projections' AS_OF_PATTERN. */
export const AS_OF_MESSAGE = '$property must be a date or an instant with its zone, e.g. 2022-03-01 or 2022-03-01T00:00:00Z (in a URL, write the + of an offset as %2B: a bare + arrives as a space)';

/** A global position as the API writes it: "commit/prepare", or a plain decimal. */
export const POSITION_PATTERN = /^(0|[1-9][0-9]{0,19})(\/(0|[1-9][0-9]{0,19}))?$/;

export class EntityParams {
  @ApiProperty({ enum: Object.keys(KINDS), example: 'plans', description: 'What kind of entity' })
  @IsIn(Object.keys(KINDS))
  collection!: EntityCollection;

  @ApiProperty({ example: 'semarang-2021', description: 'member slug or entity id (lowercase letters, digits, dashes)' })
  @MaxLength(64)
  @Matches(ENTITY_ID_PATTERN, { message: 'id must be lowercase letters, digits and single dashes' })
  id!: string;
}

/** What every read of the read models takes: a position of one's own write to wait for. */
export class OwnWriteQuery {
  @ApiPropertyOptional({
    example: '42/42',
    description: 'A position returned by your own command: the read waits (up to 5 s) until the read models reflect it',
  })
  @IsOptional()
  @Matches(POSITION_PATTERN, { message: 'waitFor must be a position such as 42/42' })
  waitFor?: string;
}

/** And a read of the past: as of an instant of recording. */
export class ReadQuery extends OwnWriteQuery {
  @ApiPropertyOptional({
    example: '2022-03-01T00:00:00Z',
    description: "Read as the system knew it at this instant of recording (ISO 8601 instant, or a date = the end of that day in the time zone of the member read, or of the member of the plan or commitment read; in UTC for the global event feed)",
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(AS_OF_PATTERN, { message: AS_OF_MESSAGE })
  asOf?: string;
}

/** A page size of a list: 1 to 1,000 (default 100), in decimal digits. */
export function PageSize(): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ example: 100, description: 'page size (1 to 1000, default 100)' }), IsOptional(), DecimalInteger(), IsInt(), Min(1), Max(1000));
}

export class IdParams {
  @ApiProperty({ example: 'semarang-2021', description: 'The entity id (lowercase letters, digits, dashes)' })
  @MaxLength(64)
  @Matches(ENTITY_ID_PATTERN, { message: 'id must be lowercase letters, digits and single dashes' })
  id!: string;
}

/** A member's id in a path: IdParams' rules, a member slug as the docs' example. */
export class MemberIdParams extends IdParams {}
ApiProperty({ example: 'semarang', description: 'member slug' })(MemberIdParams.prototype, 'id');

/** A commitment's id in a path: IdParams' rules, a commitment id as the docs' example. */
export class CommitmentIdParams extends IdParams {}
ApiProperty({ example: 'semarang-2021-c1' })(CommitmentIdParams.prototype, 'id');
