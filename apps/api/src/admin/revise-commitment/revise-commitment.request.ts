// Body of POST /admin/commitments/:commitmentId/revisions: the terms that change, and why.
import { ApiProperty, PartialType } from '@nestjs/swagger';
import type { CommitmentTerms } from '@ogp/domain';
import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';
import { ReasonRequest } from '../shared.request';
import { CommitmentTermsRequest } from '../add-commitment/add-commitment.request';

export class CommitmentChangesRequest extends PartialType(CommitmentTermsRequest) {}

export class ReviseCommitmentRequest extends ReasonRequest {
  @ApiProperty({ example: 'Bappeda takes the lead; the end moves to June 2023 after the 2022 budget revision' })
  declare reason: string;

  @ApiProperty({ type: CommitmentChangesRequest, example: { endMonth: '2023-06', leadInstitution: 'Bappeda Kota Semarang' } })
  @IsDefined()
  @ValidateNested()
  @Type(() => CommitmentChangesRequest)
  changes!: CommitmentChangesRequest;
}

/** Only the fields present in the request (undefined ones are not changes). */
export function changesOf(changes: CommitmentChangesRequest): Partial<CommitmentTerms> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<CommitmentTerms>;
}
