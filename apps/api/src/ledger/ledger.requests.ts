// Validated query parameters of the ledger proof routes.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DecimalInteger } from '../platform/decimal-integer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

// Any UUID version: events carry v4 (random) and v5 (derived from the command id) ids.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_SIZE = Number.MAX_SAFE_INTEGER;

/** Exactly one of eventId and leafIndex names the event to prove (the controller refuses both or neither). */
export class InclusionQuery {
  @ApiPropertyOptional({ example: '6f1c9d1e-3b7a-4d7e-9a52-0c1f2e3d4b5a', description: 'id of the event to prove (or give leafIndex)' })
  @IsOptional()
  @Matches(UUID, { message: '$property must be a UUID' })
  eventId?: string;

  @ApiPropertyOptional({
    example: 7,
    description: "0-based leaf index of the event to prove (or give eventId): in a whole-log export, the line's place among the event lines",
  })
  @IsOptional()
  @DecimalInteger()
  @IsInt()
  @Min(0)
  @Max(MAX_SIZE)
  leafIndex?: number;

  @ApiPropertyOptional({ example: 42, description: 'tree size to prove against (default: the current size)' })
  @IsOptional()
  @DecimalInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_SIZE)
  size?: number;
}

export class ConsistencyQuery {
  @ApiProperty({ example: 10, description: 'the older tree size, at least 1 (every tree extends the empty one: there is nothing to prove)' })
  @DecimalInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_SIZE)
  from!: number;

  @ApiProperty({ example: 42, description: 'the newer tree size' })
  @DecimalInteger()
  @IsInt()
  @Min(0)
  @Max(MAX_SIZE)
  to!: number;
}

export class SizeParam {
  @ApiProperty({ example: 42, description: 'tree size of a stored checkpoint' })
  @DecimalInteger()
  @IsInt()
  @Min(0)
  @Max(MAX_SIZE)
  size!: number;
}

export class EventIdParam {
  @ApiProperty({ example: '6f1c9d1e-3b7a-4d7e-9a52-0c1f2e3d4b5a', description: 'id of the event whose proof bundle to build' })
  @Matches(UUID, { message: '$property must be a UUID' })
  eventId!: string;
}
