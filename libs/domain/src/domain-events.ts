// All domain events, their stable type strings and schema versions (bump a version when a type's data changes shape).
import type { CommitmentEvent } from './commitment/events';
import type { MemberEvent } from './member/events';
import type { PlanEvent } from './plan/events';

export type DomainEvent = MemberEvent | PlanEvent | CommitmentEvent;
export type EventType = DomainEvent['type'];
export type EventOfType<T extends EventType> = Extract<DomainEvent, { type: T }>;

/** Written out, never derived from a class name: renaming code must not orphan stored history. */
export const EVENT_SCHEMA_VERSIONS: Readonly<Record<EventType, number>> = {
  MemberRegistered: 1,
  ForumMeetingRecorded: 1,
  PublicInformationUpdated: 1,
  MemberTimeZoneChanged: 1,
  ForumMeetingWithdrawn: 1,
  ActionPlanDrafted: 1,
  ActionPlanEndorsed: 1,
  EndorsementCorrected: 1,
  ActionPlanSubmitted: 1,
  InceptionAssessmentRecorded: 1,
  ImplementationStarted: 1,
  ActionPlanEnded: 1,
  ActionPlanAbandoned: 1,
  CommitmentAdded: 1,
  CommitmentRevised: 1,
  CommitmentWithdrawn: 1,
  MilestoneAdded: 1,
  MilestoneRescheduled: 1,
  MilestoneWithdrawn: 1,
  ProgressReported: 1,
  ClaimVerified: 1,
  ClaimDisputed: 1,
  EvidenceRequested: 1,
  DesignAssessed: 1,
  EndOfCommitmentAssessed: 1,
};

export const EVENT_TYPES = Object.keys(EVENT_SCHEMA_VERSIONS) as EventType[];

export const MEMBER_EVENT_TYPES: readonly MemberEvent['type'][] = ['MemberRegistered', 'ForumMeetingRecorded', 'PublicInformationUpdated', 'MemberTimeZoneChanged', 'ForumMeetingWithdrawn'];
export const PLAN_EVENT_TYPES: readonly PlanEvent['type'][] = ['ActionPlanDrafted', 'ActionPlanEndorsed', 'EndorsementCorrected', 'ActionPlanSubmitted', 'InceptionAssessmentRecorded', 'ImplementationStarted', 'ActionPlanEnded', 'ActionPlanAbandoned'];
export const COMMITMENT_EVENT_TYPES: readonly CommitmentEvent['type'][] = EVENT_TYPES.filter(
  (t): t is CommitmentEvent['type'] => !(MEMBER_EVENT_TYPES as readonly string[]).includes(t) && !(PLAN_EVENT_TYPES as readonly string[]).includes(t),
);

export function isEventType(type: unknown): type is EventType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(EVENT_SCHEMA_VERSIONS, type);
}

export const isMemberEvent = (e: { type: string }): e is MemberEvent => (MEMBER_EVENT_TYPES as readonly string[]).includes(e.type);
export const isPlanEvent = (e: { type: string }): e is PlanEvent => (PLAN_EVENT_TYPES as readonly string[]).includes(e.type);
export const isCommitmentEvent = (e: { type: string }): e is CommitmentEvent => (COMMITMENT_EVENT_TYPES as readonly string[]).includes(e.type);
