// The answer of GET /public/plans: each published plan, its commitments as OGP publishes them, and its progress.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMPLETION_LEVELS,
  DID_IT_OPEN_GOVERNMENT,
  ENTITY_STATUSES,
  NOT_APPLICABLE,
  OGP_VALUES,
  POTENTIAL_FOR_RESULTS,
  RELEVANCE,
  VERIFIABILITY,
  type CompletionLevel,
  type EntityStatus,
  type OgpValue,
} from '@ogp/domain';
import { PlanProgressResponse } from '../../audit/progress/progress.responses';
import { ClosedSchema, EntityStateResponse, EvidenceResponse, NamedCommitmentResponse, ReadAnswer } from '../../audit/read.responses';

const OPENED_GOVERNMENT = [...DID_IT_OPEN_GOVERNMENT, NOT_APPLICABLE] as const;

/** OGP's relevance verdict for each of its values (keyed by the value's name). */
@ClosedSchema()
export class RelevanceByValueResponse {
  @ApiPropertyOptional({ enum: RELEVANCE })
  'Access to Information'?: string;

  @ApiPropertyOptional({ enum: RELEVANCE })
  'Civic Participation'?: string;

  @ApiPropertyOptional({ enum: RELEVANCE })
  'Public Accountability'?: string;

  @ApiPropertyOptional({ enum: RELEVANCE })
  'Technology and Innovation for Transparency and Accountability'?: string;
}

/** OGP's "did it open government?" verdict for each of its values (keyed by the value's name). */
@ClosedSchema()
export class OpenedGovernmentByValueResponse {
  @ApiPropertyOptional({ enum: OPENED_GOVERNMENT })
  'Access to Information'?: string;

  @ApiPropertyOptional({ enum: OPENED_GOVERNMENT })
  'Civic Participation'?: string;

  @ApiPropertyOptional({ enum: OPENED_GOVERNMENT })
  'Public Accountability'?: string;

  @ApiPropertyOptional({ enum: OPENED_GOVERNMENT })
  'Technology and Innovation for Transparency and Accountability'?: string;
}

@ClosedSchema()
export class PublicDesignAssessmentResponse {
  @ApiProperty({ example: '2021-10-15' })
  assessedOn!: string;

  @ApiProperty({ enum: VERIFIABILITY })
  verifiability!: string;

  @ApiProperty({ type: () => RelevanceByValueResponse })
  relevance!: RelevanceByValueResponse;

  @ApiProperty({ enum: POTENTIAL_FOR_RESULTS })
  potentialForResults!: string;
}

@ClosedSchema()
export class PublicEndOfCommitmentResponse {
  @ApiProperty({ example: '2024-02-15' })
  assessedOn!: string;

  @ApiProperty({ enum: COMPLETION_LEVELS })
  completion!: CompletionLevel;

  @ApiProperty({ type: () => OpenedGovernmentByValueResponse })
  didItOpenGovernment!: OpenedGovernmentByValueResponse;

  @ApiProperty({ type: [EvidenceResponse] })
  evidence!: EvidenceResponse[];
}

@ClosedSchema()
export class PublicMilestoneResponse {
  @ApiProperty()
  milestoneId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ example: '2022-01-01' })
  startDate!: string;

  @ApiProperty({ example: '2022-06-30' })
  dueDate!: string;

  @ApiProperty({ enum: ENTITY_STATUSES })
  status!: EntityStatus;
}

@ClosedSchema()
export class SupportingInstitutionsResponse {
  @ApiProperty({ type: [String] })
  government!: string[];

  @ApiProperty({ type: [String] })
  civilSociety!: string[];
}

/** A commitment as OGP's commitment template shows it: its terms, milestones and OGP's assessments, no claims. */
@ClosedSchema()
export class PublicCommitmentResponse extends NamedCommitmentResponse {
  @ApiProperty({ enum: ENTITY_STATUSES })
  status!: EntityStatus;

  @ApiProperty({ description: 'Added after the plan was submitted, as a revision of the plan' })
  planRevision!: boolean;

  @ApiProperty({ example: '2021-08' })
  startMonth!: string;

  @ApiProperty({ example: '2023-07' })
  endMonth!: string;

  @ApiProperty()
  leadInstitution!: string;

  @ApiProperty({ type: () => SupportingInstitutionsResponse })
  supportingInstitutions!: SupportingInstitutionsResponse;

  @ApiProperty()
  policyArea!: string;

  @ApiProperty({ enum: OGP_VALUES, isArray: true })
  values!: OgpValue[];

  @ApiProperty()
  problem!: string;

  @ApiProperty()
  statusQuo!: string;

  @ApiProperty()
  action!: string;

  @ApiProperty()
  objective!: string;

  @ApiProperty({ type: [PublicMilestoneResponse], description: 'In the order they were added, withdrawn ones included' })
  milestones!: PublicMilestoneResponse[];

  @ApiProperty({ type: () => PublicDesignAssessmentResponse, nullable: true, description: "OGP's design assessment (null: none recorded)" })
  design!: PublicDesignAssessmentResponse | null;

  @ApiProperty({ type: () => PublicEndOfCommitmentResponse, nullable: true, description: "OGP's end-of-commitment assessment (null: none recorded)" })
  endOfCommitment!: PublicEndOfCommitmentResponse | null;
}

/** `plan.state` is the domain's plan state, an object here (see EntityStateResponse). */
@ClosedSchema()
export class PublishedPlanResponse {
  @ApiProperty({ type: () => EntityStateResponse, description: 'The plan as GET /audit/plans/{id} gives it (without planStatus)' })
  plan!: EntityStateResponse;

  @ApiProperty({ type: [PublicCommitmentResponse], description: 'By OGP id, those without one after them, by title' })
  commitments!: PublicCommitmentResponse[];

  @ApiProperty({ type: () => PlanProgressResponse, nullable: true })
  progress!: PlanProgressResponse | null;
}

@ClosedSchema()
export class PublishedPlansAnswer extends ReadAnswer {
  @ApiProperty({ type: [PublishedPlanResponse] })
  data!: PublishedPlanResponse[];
}
