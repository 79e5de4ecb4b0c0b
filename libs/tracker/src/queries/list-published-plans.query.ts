// ListPublishedPlans: the public view — every action plan past Draft, with its member, its commitments and progress.
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { byOgpIdThenTitle, type Commitment, type CommitmentTerms, type DesignAssessment, type EndOfCommitmentAssessment, type EntityStatus, type Milestone, type PlanProgress } from '@ogp/domain';
import { listEntities, listEntitiesWithoutClaims, planProgressOf, type EntityState, type ReadModelDb } from '@ogp/projections';
import { ReadModels } from '../read-models/read-models.service';
import { PositionCache } from '../read-models/position-cache';
import { entityNotFound } from './entity-not-found.error';
import { readAfterCached, type ReadResult } from './read-result';

/** OGP's assessments as published: who at OGP keyed them in (a key id) is ours to audit, not the public's. */
export type PublicDesignAssessment = Omit<DesignAssessment, 'reviewerId'>;
export type PublicEndOfCommitmentAssessment = Omit<EndOfCommitmentAssessment, 'reviewerId'>;

/**
 * A commitment as OGP's commitment template and page show it: its terms, milestones and OGP's assessments. Claims
 * are not here (their narratives and who reported them); the plan's progress carries each milestone's latest claim.
 */
export type PublicCommitment = { readonly commitmentId: string } & CommitmentTerms & {
    readonly status: EntityStatus;
    /** Added after the plan was submitted, as a revision of the plan. */
    readonly planRevision: boolean;
    /** In the order they were added, withdrawn ones included (with their status). */
    readonly milestones: readonly Pick<Milestone, 'milestoneId' | 'title' | 'startDate' | 'dueDate' | 'status'>[];
    /** OGP's design assessment (null: none recorded). */
    readonly design: PublicDesignAssessment | null;
    /** OGP's end-of-commitment assessment (null: none recorded). */
    readonly endOfCommitment: PublicEndOfCommitmentAssessment | null;
  };

export interface PublishedPlan {
  readonly plan: EntityState;
  /** By OGP id, those without one after them, by title. */
  readonly commitments: readonly PublicCommitment[];
  readonly progress: PlanProgress | null;
}

export class ListPublishedPlans extends Query<ReadResult<PublishedPlan[]>> {
  constructor(readonly memberId?: string) {
    super();
  }
}

/** Drafts are the city's work in progress; a plan is public from its submission on. */
const PUBLISHED = new Set(['Submitted', 'Implementing', 'Ended']);

/** Field by field, so that a field added to the domain's state later is not published without a decision. */
function publicCommitment(c: Commitment): PublicCommitment {
  const t = c.terms;
  return {
    commitmentId: c.commitmentId,
    ogpId: t.ogpId,
    title: t.title,
    status: c.status,
    planRevision: c.planRevision,
    startMonth: t.startMonth,
    endMonth: t.endMonth,
    leadInstitution: t.leadInstitution,
    supportingInstitutions: { government: t.supportingInstitutions.government, civilSociety: t.supportingInstitutions.civilSociety },
    policyArea: t.policyArea,
    values: t.values,
    problem: t.problem,
    statusQuo: t.statusQuo,
    action: t.action,
    objective: t.objective,
    milestones: c.milestones.map((m) => ({ milestoneId: m.milestoneId, title: m.title, startDate: m.startDate, dueDate: m.dueDate, status: m.status })),
    design:
      c.design === null
        ? null
        : { assessedOn: c.design.assessedOn, verifiability: c.design.verifiability, relevance: c.design.relevance, potentialForResults: c.design.potentialForResults },
    endOfCommitment:
      c.endOfCommitment === null
        ? null
        : {
            assessedOn: c.endOfCommitment.assessedOn,
            completion: c.endOfCommitment.completion,
            didItOpenGovernment: c.endOfCommitment.didItOpenGovernment,
            evidence: c.endOfCommitment.evidence,
          },
  };
}

/** A plan's commitments, read without their claims (the public view shows none). */
function publicCommitmentsOf(db: ReadModelDb, planId: string): PublicCommitment[] {
  return listEntitiesWithoutClaims(db, { kind: 'commitment', planId })
    .map(({ state }) => publicCommitment(state as Commitment))
    .sort(byOgpIdThenTitle);
}

@QueryHandler(ListPublishedPlans)
export class ListPublishedPlansHandler implements IQueryHandler<ListPublishedPlans, ReadResult<PublishedPlan[]>> {
  /** By member ('' for all): the public page is read far more often than the read models move. */
  private readonly answers = new PositionCache<PublishedPlan[]>();

  constructor(private readonly readModels: ReadModels) {}

  async execute({ memberId }: ListPublishedPlans): Promise<ReadResult<PublishedPlan[]>> {
    return (await readAfterCached(this.readModels, undefined, this.answers, memberId ?? '', () => this.list(memberId)))!;
  }

  /** A member that is not registered is a 404, as on the audit routes: a mistyped id does not read as "nothing published". */
  private checkRegistered(memberId: string | undefined): void {
    if (memberId !== undefined && this.readModels.currentEntity(`member-${memberId}`) === null) entityNotFound(`member-${memberId}`);
  }

  /**
   * In one read transaction: plans, commitments and progress from the same batch of the read models, whatever
   * another connection to the file (the CLI catching up beside a server) commits meanwhile.
   */
  private list(memberId: string | undefined): PublishedPlan[] {
    this.checkRegistered(memberId);
    const db = this.readModels.db;
    return db.transaction(() =>
      listEntities(db, { kind: 'plan', memberId })
        .filter((plan) => plan.status !== null && PUBLISHED.has(plan.status))
        .map((plan) => ({
          plan,
          commitments: publicCommitmentsOf(db, plan.entityId),
          progress: planProgressOf(db, plan.entityId)?.progress ?? null,
        })),
    )();
  }
}
