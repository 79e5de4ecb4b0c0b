// Reads a member's stored history into the dated facts the obligation rules need, keeping each fact's event id.
import { dateOf, DEFAULT_TIME_ZONE, endOfDay, isIsoDate, type IsoDate, type IsoInstant, type TimeZone } from '../shared/dates';
import { isEventType, type DomainEvent } from '../domain-events';

/**
 * One stored event as the application hands it over: all events of one member, in the store's global order (so its
 * registration first). Any iterable: the rules read it once, in order, and keep only the facts they need.
 */
export interface HistoryEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly recordedAt: string;
  readonly stream: string;
}

export interface Dated {
  readonly eventId: string;
  readonly on: IsoDate;
}

/** An assessment by OGP: `on` is the day it counts from (its recording, if later than its date), `assessedOn` its date. */
export interface AssessmentFact extends Dated {
  readonly assessedOn: IsoDate;
}

/** "2021-09-20", or "2021-09-20 (recorded 2026-12-04)" for a backdated assessment: both dates, never one for the other. */
export function assessedWording(assessment: AssessmentFact): string {
  return `${assessment.assessedOn}${assessment.on !== assessment.assessedOn ? ` (recorded ${assessment.on})` : ''}`;
}

export interface ClaimVersionFact {
  readonly eventId: string;
  readonly claimId: string;
  readonly milestoneId: string;
  readonly version: number;
  readonly completion: string;
  readonly evidenceCount: number;
  readonly asOf: IsoDate;
  readonly recordedOn: IsoDate;
  review: Dated | null;
  disputed: boolean;
  readonly evidenceRequests: Dated[];
}

/** A due date a milestone was given, and the day that was recorded. */
export interface DueDateFact {
  readonly dueDate: IsoDate;
  readonly recordedOn: IsoDate;
}

export interface MilestoneFact {
  readonly milestoneId: string;
  readonly eventId: string;
  readonly title: string;
  startDate: IsoDate;
  dueDate: IsoDate;
  /** Every due date in force, first the one it was added with; the rules decide which one a deadline keeps. */
  readonly dueDates: DueDateFact[];
  withdrawn: boolean;
  withdrawnOn: IsoDate | null;
}

export interface CommitmentFact {
  readonly commitmentId: string;
  readonly eventId: string;
  ogpId: string | null;
  title: string;
  startMonth: string;
  endMonth: string;
  withdrawn: boolean;
  /** The day it was withdrawn (recorded): clocks still running then stop, windows closed before stay missed. */
  withdrawnOn: IsoDate | null;
  readonly milestones: MilestoneFact[];
  readonly claims: ClaimVersionFact[];
  endAssessment: AssessmentFact | null;
}

export interface PlanFact {
  readonly planId: string;
  readonly eventId: string;
  readonly periodStart: string;
  /** `on` is the day it counts from (its date, or the day it was entered if that was a later day than the submission). */
  endorsement: (Dated & { readonly endorsedOn: IsoDate }) | null;
  /**
   * `enteredDayEndsAt`: when the day the submission was entered ended (ms) in `timeZone`, the zone kept then, which an
   * endorsement entered later is measured against, in that zone: no change of zone in between moves it.
   */
  submission: (Dated & { readonly enteredDayEndsAt: number; readonly timeZone: TimeZone }) | null;
  /** Whether an endorsement has counted on or before the submission's date: a correction of it then counts by its date. */
  endorsementInTime: boolean;
  inception: AssessmentFact | null;
  /** A draft given up: no obligation applies to the plan from then on. */
  abandonment: Dated | null;
  readonly commitments: CommitmentFact[];
}

export interface MemberFacts {
  registration: Dated | null;
  /** Forum meetings that count: a withdrawn one leaves the list from the day its withdrawal was recorded. */
  readonly meetings: (Dated & { readonly meetingId: string })[];
  readonly publicUpdates: Dated[];
  readonly plans: PlanFact[];
}

/**
 * Facts known at `asOf`: for a date, events recorded on or before that day; for an instant, events recorded at or
 * before it. Every day here is a day in the member's time zone as it was when the event was recorded: the one its
 * registration names (UTC when none), then each MemberTimeZoneChanged's from that event on, so a change of zone does
 * not move the days of what came before it. Returns the zone in force at the end. Events are applied in the order
 * given (the store's), not by recordedAt: two instances' clocks may disagree by a little, and a commitment recorded a
 * millisecond "before" its plan must still belong to it. `known` counts the events of the domain's types known at asOf.
 */
export function factsOf(history: Iterable<HistoryEvent>, asOf: IsoDate | IsoInstant): { facts: MemberFacts; timeZone: TimeZone; known: number } {
  const facts: MemberFacts = { registration: null, meetings: [], publicUpdates: [], plans: [] };
  const commitments = new Map<string, CommitmentFact>();
  // The zone kept as the history goes on, and the one kept after the last event asOf takes in (the answer's frame).
  let timeZone = DEFAULT_TIME_ZONE;
  let zoneTakenIn = DEFAULT_TIME_ZONE;
  const day = (value: string): IsoDate => dateOf(value, timeZone);
  const byDay = isIsoDate(asOf);
  const until = byDay ? 0 : Date.parse(asOf);
  let known = 0;
  for (const stored of history) {
    if (!isEventType(stored.type)) continue;
    if (stored.type === 'MemberRegistered' && facts.registration === null) timeZone = zoneTakenIn = zoneIn(stored.data, timeZone);
    const recordedOn = day(stored.recordedAt);
    const zoneChange = stored.type === 'MemberTimeZoneChanged' ? zoneIn(stored.data, timeZone) : null;
    if (byDay ? recordedOn > asOf : Date.parse(stored.recordedAt) > until) {
      // Left out as recorded after asOf's day, a change of zone still decides the days of what follows it: moved
      // westward, a member's next events can fall on asOf's day again, and they count, as the current reading has them.
      if (byDay && zoneChange !== null) timeZone = zoneChange;
      continue;
    }
    known++;
    apply(facts, commitments, stored.id, { recordedOn, recordedAt: stored.recordedAt, timeZone }, { type: stored.type, data: stored.data } as DomainEvent, day);
    if (zoneChange !== null) timeZone = zoneChange;
    zoneTakenIn = timeZone;
  }
  return { facts, timeZone: zoneTakenIn, known };
}

/** When and where an event was recorded: its day in the zone then kept, the instant, and that zone. */
interface Recording {
  readonly recordedOn: IsoDate;
  readonly recordedAt: string;
  readonly timeZone: TimeZone;
}

/** The zone an event's data names (a registration from before zones were recorded names none: UTC). */
function zoneIn(data: unknown, otherwise: TimeZone): TimeZone {
  const zone = (data as { timeZone?: unknown } | null)?.timeZone;
  return typeof zone === 'string' ? zone : otherwise;
}

function apply(facts: MemberFacts, commitments: Map<string, CommitmentFact>, id: string, recording: Recording, event: DomainEvent, dayOf: (value: string) => IsoDate): void {
  const { recordedOn } = recording;
  const plan = (planId: string) => facts.plans.find((p) => p.planId === planId);
  const commitment = (commitmentId: string) => commitments.get(commitmentId);
  const claim = (commitmentId: string, claimId: string, version: number) => commitment(commitmentId)?.claims.find((c) => c.claimId === claimId && c.version === version);
  switch (event.type) {
    case 'MemberRegistered':
      facts.registration = { eventId: id, on: dayOf(event.data.effectiveAt) };
      return;
    case 'ForumMeetingRecorded':
      facts.meetings.push({ eventId: id, on: dayOf(event.data.effectiveAt), meetingId: event.data.meetingId });
      return;
    case 'ForumMeetingWithdrawn': {
      const at = facts.meetings.findIndex((m) => m.meetingId === event.data.meetingId);
      if (at >= 0) facts.meetings.splice(at, 1);
      return;
    }
    case 'PublicInformationUpdated':
      facts.publicUpdates.push({ eventId: id, on: dayOf(event.data.effectiveAt) });
      return;
    case 'ActionPlanDrafted':
      facts.plans.push({ planId: event.data.planId, eventId: id, periodStart: event.data.periodStart, endorsement: null, submission: null, endorsementInTime: false, inception: null, abandonment: null, commitments: [] });
      return;
    case 'ActionPlanEndorsed':
    case 'EndorsementCorrected': {
      // Entered on a later day than the submission, an endorsement counts from the day it was entered, whatever date
      // it gives: the obligation is that civil society endorsed before submission, and a late entry cannot show that.
      // Entered on the day the submission was, both are one sitting's record of past facts (a member's onboarding),
      // and the order they were typed in says nothing: the endorsement counts by its date. A correction is judged
      // the same way (and replaces what the endorsement said), so it cannot backdate compliance either; but one that
      // corrects an endorsement which has counted before the submission turns no verdict to met, and counts by its date.
      // "A later day" is measured by the instant the submission's day ended, so that no change of zone moves it.
      const p = plan(event.data.planId);
      if (p === undefined) return;
      const endorsedOn = dayOf(event.data.effectiveAt);
      const submission = p.submission;
      const enteredLater = submission !== null && Date.parse(recording.recordedAt) > submission.enteredDayEndsAt;
      // Its day of entry in the submission's zone: after the submission's own day of entry, whatever zone is kept now.
      const enteredOn = submission === null ? recordedOn : dateOf(recording.recordedAt, submission.timeZone);
      const late = enteredLater && enteredOn > endorsedOn && !(event.type === 'EndorsementCorrected' && p.endorsementInTime);
      p.endorsement = { eventId: id, on: late ? enteredOn : endorsedOn, endorsedOn };
      noteEndorsementInTime(p);
      return;
    }
    case 'ActionPlanSubmitted': {
      const p = plan(event.data.planId);
      if (p === undefined) return;
      p.submission = { eventId: id, on: dayOf(event.data.effectiveAt), enteredDayEndsAt: Date.parse(endOfDay(recordedOn, recording.timeZone)), timeZone: recording.timeZone };
      noteEndorsementInTime(p);
      return;
    }
    case 'InceptionAssessmentRecorded': {
      // The obligation is that the assessment is recorded in time: a backdated assessment counts from its recording.
      const assessedOn = dayOf(event.data.effectiveAt);
      setOn(plan(event.data.planId), 'inception', { eventId: id, on: assessedOn > recordedOn ? assessedOn : recordedOn, assessedOn });
      return;
    }
    case 'ActionPlanAbandoned':
      setOn(plan(event.data.planId), 'abandonment', { eventId: id, on: recordedOn });
      return;
    case 'MemberTimeZoneChanged':
    case 'ImplementationStarted':
    case 'ActionPlanEnded':
    case 'DesignAssessed':
      return;
    case 'CommitmentAdded': {
      const fact: CommitmentFact = { commitmentId: event.data.commitmentId, eventId: id, ogpId: event.data.ogpId, title: event.data.title, startMonth: event.data.startMonth, endMonth: event.data.endMonth, withdrawn: false, withdrawnOn: null, milestones: [], claims: [], endAssessment: null };
      commitments.set(fact.commitmentId, fact);
      plan(event.data.planId)?.commitments.push(fact);
      return;
    }
    case 'CommitmentRevised': {
      const c = commitment(event.data.commitmentId);
      if (c === undefined) return;
      if (event.data.after.startMonth !== undefined) c.startMonth = event.data.after.startMonth;
      if (event.data.after.endMonth !== undefined) c.endMonth = event.data.after.endMonth;
      if (event.data.after.ogpId !== undefined) c.ogpId = event.data.after.ogpId;
      if (event.data.after.title !== undefined) c.title = event.data.after.title;
      return;
    }
    case 'CommitmentWithdrawn':
      setOn(commitment(event.data.commitmentId), 'withdrawn', true);
      setOn(commitment(event.data.commitmentId), 'withdrawnOn', recordedOn);
      return;
    case 'MilestoneAdded':
      commitment(event.data.commitmentId)?.milestones.push({
        milestoneId: event.data.milestoneId, eventId: id, title: event.data.title, startDate: event.data.startDate, dueDate: event.data.dueDate,
        dueDates: [{ dueDate: event.data.dueDate, recordedOn }], withdrawn: false, withdrawnOn: null,
      });
      return;
    case 'MilestoneRescheduled': {
      const m = commitment(event.data.commitmentId)?.milestones.find((x) => x.milestoneId === event.data.milestoneId);
      if (m === undefined) return;
      Object.assign(m, { startDate: event.data.startDate, dueDate: event.data.dueDate });
      m.dueDates.push({ dueDate: event.data.dueDate, recordedOn });
      return;
    }
    case 'MilestoneWithdrawn': {
      const m = commitment(event.data.commitmentId)?.milestones.find((x) => x.milestoneId === event.data.milestoneId);
      if (m !== undefined) Object.assign(m, { withdrawn: true, withdrawnOn: recordedOn });
      return;
    }
    case 'ProgressReported': {
      const d = event.data;
      commitment(d.commitmentId)?.claims.push({
        eventId: id, claimId: d.claimId, milestoneId: d.milestoneId, version: d.version, completion: d.completion, evidenceCount: Array.isArray(d.evidence) ? d.evidence.length : 0,
        asOf: dayOf(d.effectiveAt), recordedOn, review: null, disputed: false, evidenceRequests: [],
      });
      return;
    }
    case 'ClaimVerified':
    case 'ClaimDisputed': {
      const c = claim(event.data.commitmentId, event.data.claimId, event.data.version);
      if (c !== undefined && c.review === null) Object.assign(c, { review: { eventId: id, on: recordedOn }, disputed: event.type === 'ClaimDisputed' });
      return;
    }
    case 'EvidenceRequested':
      claim(event.data.commitmentId, event.data.claimId, event.data.version)?.evidenceRequests.push({ eventId: id, on: recordedOn });
      return;
    case 'EndOfCommitmentAssessed': {
      // As with inception: the obligation is that the assessment is recorded in time, so a backdated one counts from
      // its recording.
      const assessedOn = dayOf(event.data.effectiveAt);
      setOn(commitment(event.data.commitmentId), 'endAssessment', { eventId: id, on: assessedOn > recordedOn ? assessedOn : recordedOn, assessedOn });
      return;
    }
    default:
      return;
  }
}

/** Once an endorsement has counted on or before the submission's date, the plan keeps that it did (see endorsementInTime). */
function noteEndorsementInTime(plan: PlanFact): void {
  if (plan.endorsement !== null && plan.submission !== null && plan.endorsement.on <= plan.submission.on) plan.endorsementInTime = true;
}

function setOn<T extends object, K extends keyof T>(target: T | undefined, key: K, value: T[K]): void {
  if (target !== undefined) target[key] = value;
}

