// The probes' answers (/docs-json's schemas).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClosedSchema } from './closed-schema';

@ClosedSchema()
export class LivenessResponse {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
}

@ClosedSchema()
export class ReadinessCheckResponse {
  @ApiProperty()
  ready!: boolean;

  @ApiPropertyOptional({ example: 'lag 0 events', description: 'Short, non-secret detail' })
  detail?: string;
}

@ClosedSchema()
export class ReadinessResponse {
  @ApiProperty({ example: true, description: 'Every check passes (else the answer is 503 not-ready, naming the checks in details)' })
  ready!: boolean;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/ReadinessCheckResponse' },
    description: 'Each check by name: the event store, the projections, the ledger log',
  })
  checks!: Record<string, ReadinessCheckResponse>;
}
