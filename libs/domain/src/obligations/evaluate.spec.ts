// Specification of the OGP Local obligations: met, due, overdue and not met for each, from hand-built histories.
import type { HistoryEvent } from './history';
import { evaluate, evaluation } from './evaluate';
import { OGP_LOCAL_2024, type ObligationId, type ObligationRuleSet } from './rule-set';

/** A history builder: each event gets an id `e<n>` and is recorded on the given day. */
function history() {
  const events: HistoryEvent[] = [];
  const add = (stream: string, type: string, data: Record<string, unknown>, recordedOn: string): string => {
    const id = `e${events.length}`;
    events.push({ id, type, data, recordedAt: `${recordedOn}T03:00:00Z`, stream });
    return id;
  };
  const b = {
    events,
    changeZone: (timeZone: string, on: string) => add('member-m', 'MemberTimeZoneChanged', { memberId: 'm', timeZone }, on),
    register: (on = '2021-01-10', timeZone?: string) => add('member-m', 'MemberRegistered', { memberId: 'm', timeZone, effectiveAt: `${on}T03:00:00Z` }, on),
    /** An event recorded at an exact instant (the builder's others are recorded at 03:00 UTC). */
    at: (id: string, recordedAt: string) => Object.assign(events.find((e) => e.id === id)!, { recordedAt }),
    meeting: (on: string, meetingId = `f-${on}`) => add('member-m', 'ForumMeetingRecorded', { memberId: 'm', meetingId, effectiveAt: on }, on),
    withdrawMeeting: (meetingId: string, on: string) => add('member-m', 'ForumMeetingWithdrawn', { memberId: 'm', meetingId, reason: 'Recorded by mistake', effectiveAt: `${on}T03:00:00Z` }, on),
    website: (on: string) => add('member-m', 'PublicInformationUpdated', { memberId: 'm', effectiveAt: on }, on),
    draft: (on = '2021-06-01') => add('plan-p', 'ActionPlanDrafted', { planId: 'p', memberId: 'm', periodStart: '2021-08', periodEnd: '2023-12', effectiveAt: `${on}T03:00:00Z` }, on),
    endorse: (on: string) => add('plan-p', 'ActionPlanEndorsed', { planId: 'p', effectiveAt: on }, on),
    correctEndorsement: (date: string, recordedOn: string) => add('plan-p', 'EndorsementCorrected', { planId: 'p', effectiveAt: date }, recordedOn),
    abandon: (on: string) => add('plan-p', 'ActionPlanAbandoned', { planId: 'p', reason: 'Drafted twice by mistake', effectiveAt: `${on}T03:00:00Z` }, on),
    submit: (on = '2021-07-30') => add('plan-p', 'ActionPlanSubmitted', { planId: 'p', effectiveAt: on }, on),
    inception: (on: string, recordedOn = on) => add('plan-p', 'InceptionAssessmentRecorded', { planId: 'p', effectiveAt: on }, recordedOn),
    commitment: (endMonth = '2023-12') => add('commitment-c', 'CommitmentAdded', { commitmentId: 'c', planId: 'p', ogpId: 'IDSMG0001', title: 'Open budget', startMonth: '2021-08', endMonth }, '2021-06-02'),
    withdrawCommitment: (on: string) => add('commitment-c', 'CommitmentWithdrawn', { commitmentId: 'c' }, on),
    milestone: (id: string, dueDate: string, startDate = '2021-08-01') => add('commitment-c', 'MilestoneAdded', { commitmentId: 'c', milestoneId: id, title: `Milestone ${id}`, startDate, dueDate }, '2021-06-03'),
    reschedule: (id: string, dueDate: string, on: string, startDate = '2021-08-01') => add('commitment-c', 'MilestoneRescheduled', { commitmentId: 'c', milestoneId: id, startDate, dueDate }, on),
    withdrawMilestone: (id: string, on: string) => add('commitment-c', 'MilestoneWithdrawn', { commitmentId: 'c', milestoneId: id }, on),
    claim: (milestoneId: string, completion: string, asOf: string, recordedOn: string, evidence: unknown[] = [{ url: 'https://x.org', title: 'x', sha256: null }], version = 1, claimId = `${milestoneId}-p`) =>
      add('commitment-c', 'ProgressReported', { commitmentId: 'c', milestoneId, claimId, version, completion, evidence, effectiveAt: asOf }, recordedOn),
    verify: (claimId: string, version: number, on: string) => add('commitment-c', 'ClaimVerified', { commitmentId: 'c', claimId, version }, on),
    dispute: (claimId: string, version: number, on: string) => add('commitment-c', 'ClaimDisputed', { commitmentId: 'c', claimId, version }, on),
    requestEvidence: (claimId: string, version: number, on: string) => add('commitment-c', 'EvidenceRequested', { commitmentId: 'c', claimId, version }, on),
    endAssessment: (on: string, recordedOn = on) => add('commitment-c', 'EndOfCommitmentAssessed', { commitmentId: 'c', effectiveAt: on }, recordedOn),
  };
  return b;
}

const result = (events: HistoryEvent[], asOf: string, id: ObligationId, ruleSet: ObligationRuleSet = OGP_LOCAL_2024) => {
  const found = evaluate(events, asOf, ruleSet).find((r) => r.obligation === id);
  if (!found) throw new Error(`no result for ${id}`);
  return found;
};

describe('obligations', () => {
  describe('forum (meetings at most 6 months apart)', () => {
    it('is not applicable before the member is registered', () => {
      expect(result([], '2021-05-01', 'forum').status).toBe('not applicable');
    });
    it('is due after registration until the first meeting is late', () => {
      const h = history();
      const reg = h.register('2021-01-10');
      expect(result(h.events, '2021-07-10', 'forum')).toMatchObject({ status: 'due', eventIds: [reg] });
      expect(result(h.events, '2021-07-11', 'forum').status).toBe('overdue');
    });
    it('is met while meetings keep to the gap, naming them', () => {
      const h = history();
      h.register('2021-01-10');
      const a = h.meeting('2021-03-01');
      const b = h.meeting('2021-08-20');
      expect(result(h.events, '2021-12-01', 'forum')).toMatchObject({ status: 'met', eventIds: [a, b], planId: null });
    });
    it('stops counting a meeting from the day it was withdrawn (as of an earlier day, it still counted)', () => {
      const h = history();
      h.register('2021-01-10');
      const a = h.meeting('2021-03-01');
      const b = h.meeting('2021-08-20', 'wrong');
      h.withdrawMeeting('wrong', '2021-11-15');
      expect(result(h.events, '2021-11-14', 'forum')).toMatchObject({ status: 'met', eventIds: [a, b] });
      expect(result(h.events, '2021-11-15', 'forum')).toMatchObject({ status: 'overdue', eventIds: [a] });
    });
    it('is overdue when the latest meeting is older than the gap', () => {
      const h = history();
      h.register('2021-01-10');
      const a = h.meeting('2021-03-01');
      expect(result(h.events, '2021-09-02', 'forum')).toMatchObject({ status: 'overdue', eventIds: [a] });
    });
    it('is not met when two meetings were further apart than the gap', () => {
      const h = history();
      h.register('2021-01-10');
      const a = h.meeting('2021-03-01');
      const b = h.meeting('2021-10-01');
      expect(result(h.events, '2021-11-01', 'forum')).toMatchObject({ status: 'not met', eventIds: [a, b] });
    });
    it('names a gap still open beside the past ones, describing at most three per status', () => {
      const h = history();
      h.register('2021-01-10');
      const meetings = ['2021-08-20', '2022-03-21', '2022-10-22', '2023-05-23'].map((on) => h.meeting(on));
      const r = result(h.events, '2024-01-01', 'forum');
      expect(r).toMatchObject({ status: 'not met', eventIds: expect.arrayContaining(meetings) });
      expect(r.detail).toBe(
        '4 not met, 1 overdue. Not met: no forum meeting between 2021-01-10 and 2021-08-20 (more than 6 months); ' +
          'no forum meeting between 2021-08-20 and 2022-03-21 (more than 6 months); no forum meeting between 2022-03-21 and 2022-10-22 (more than 6 months); and 1 more. ' +
          'Overdue: no forum meeting since 2023-05-23; one was due by 2023-11-23',
      );
    });
    it('ignores events recorded after the as-of date', () => {
      const h = history();
      h.register('2021-01-10');
      h.meeting('2021-03-01');
      expect(result(h.events, '2021-02-01', 'forum').status).toBe('due');
    });
    it('counts from registration on: meetings back-filled from before it open no gap', () => {
      const h = history();
      h.register('2021-03-01');
      h.meeting('2020-01-15');
      h.meeting('2020-09-15');
      const a = h.meeting('2021-03-03');
      expect(result(h.events, '2021-04-01', 'forum')).toMatchObject({ status: 'met', eventIds: [a] });
    });
  });

  describe('website (updated at least every 4 months)', () => {
    it('is due, met, overdue and not met by the rule set’s gap', () => {
      const h = history();
      h.register('2021-01-10');
      expect(result(h.events, '2021-05-10', 'website').status).toBe('due');
      expect(result(h.events, '2021-05-11', 'website').status).toBe('overdue');
      h.website('2021-04-01');
      expect(result(h.events, '2021-08-01', 'website').status).toBe('met');
      expect(result(h.events, '2021-08-02', 'website').status).toBe('overdue');
      h.website('2021-09-01');
      expect(result(h.events, '2021-09-02', 'website').status).toBe('not met');
    });
    it('takes its gap from the rule set, not from code', () => {
      const h = history();
      h.register('2021-01-10');
      h.website('2021-04-01');
      h.website('2021-09-01');
      const lenient: ObligationRuleSet = { ...OGP_LOCAL_2024, id: 'lenient', website: { maxGapMonths: 6 } };
      expect(result(h.events, '2021-09-02', 'website', lenient)).toMatchObject({ status: 'met', ruleSet: 'lenient@1' });
    });
  });

  describe('endorsement (civil society endorses before submission)', () => {
    it('is due while the draft is unendorsed, overdue once the plan period has started', () => {
      const h = history();
      h.register();
      const d = h.draft();
      expect(result(h.events, '2021-07-01', 'endorsement')).toMatchObject({ status: 'due', eventIds: [d], planId: 'p' });
      expect(result(h.events, '2021-08-02', 'endorsement').status).toBe('overdue');
    });
    it('is met when endorsed on or before submission', () => {
      const h = history();
      h.register();
      h.draft();
      const e = h.endorse('2021-07-26');
      const s = h.submit('2021-07-30');
      expect(result(h.events, '2021-08-01', 'endorsement')).toMatchObject({ status: 'met', eventIds: [e, s] });
    });
    it('is not met when submitted without endorsement', () => {
      const h = history();
      h.register();
      h.draft();
      const s = h.submit('2021-07-30');
      expect(result(h.events, '2021-08-01', 'endorsement')).toMatchObject({ status: 'not met', eventIds: [s] });
    });
    it('judges an endorsement entered after the submission by the day it was recorded: still not met', () => {
      const h = history();
      h.register();
      h.draft();
      h.submit('2021-07-30');
      h.at(h.endorse('2021-07-26'), '2021-09-01T03:00:00Z');
      const r = result(h.events, '2021-10-01', 'endorsement');
      expect(r).toMatchObject({ status: 'not met', detail: 'submitted on 2021-07-30 without prior civil society endorsement (endorsed on 2021-07-26, entered on 2021-09-01)' });
    });
    it('judges an endorsement entered on the day the submission was entered by its date: one sitting of past facts, in either order', () => {
      const h = history();
      h.register();
      h.draft();
      const s = h.at(h.submit('2021-07-30'), '2021-09-01T03:00:00Z').id;
      const e = h.at(h.endorse('2021-07-26'), '2021-09-01T03:05:00Z').id;
      expect(result(h.events, '2021-10-01', 'endorsement')).toMatchObject({ status: 'met', eventIds: [e, s], detail: 'endorsed on 2021-07-26, submitted on 2021-07-30' });
    });
    it('judges a corrected endorsement as a late entry: by its date if corrected the day the submission was entered, else from that day', () => {
      const sitting = history();
      sitting.register();
      sitting.draft();
      sitting.at(sitting.endorse('2021-07-31'), '2021-09-01T03:00:00Z');
      sitting.at(sitting.submit('2021-07-30'), '2021-09-01T03:01:00Z');
      const fixed = sitting.at(sitting.correctEndorsement('2021-07-26', '2021-09-01'), '2021-09-01T03:02:00Z').id;
      expect(result(sitting.events, '2021-10-01', 'endorsement')).toMatchObject({ status: 'met', eventIds: [fixed, expect.any(String)] });
      const later = history();
      later.register();
      later.draft();
      later.submit('2021-07-30');
      later.endorse('2021-08-05');
      later.correctEndorsement('2021-07-26', '2021-09-01');
      expect(result(later.events, '2021-10-01', 'endorsement')).toMatchObject({ status: 'not met', detail: 'submitted on 2021-07-30 without prior civil society endorsement (endorsed on 2021-07-26, entered on 2021-09-01)' });
    });
    it('measures "entered on a later day" by the instant the submission’s day ended: a change of zone westward does not make a late entry timely', () => {
      const h = history();
      h.register('2021-01-10', 'Asia/Jayapura');
      h.draft();
      // Submitted at 10:00 on 30 July in Jayapura (UTC+9); its day there ends at 15:00 UTC.
      h.at(h.submit('2021-07-30'), '2021-07-30T01:00:00Z');
      // Endorsement typed in at 00:30 on 31 July there: late.
      h.at(h.endorse('2021-07-21'), '2021-07-30T15:30:00Z');
      // The zone is put right (Semarang keeps WIB, UTC+7); a correction ten minutes later is 23:10 on 30 July there.
      h.at(h.changeZone('Asia/Jakarta', '2021-07-30'), '2021-07-30T15:35:00Z');
      h.at(h.correctEndorsement('2021-07-21', '2021-07-30'), '2021-07-30T16:10:00Z');
      expect(result(h.events, '2021-08-10', 'endorsement')).toMatchObject({ status: 'not met' });
    });
    it('counts a correction by its date once the endorsement has counted in time, also after a mistaken correction', () => {
      const h = history();
      h.register();
      h.draft();
      h.endorse('2021-07-26');
      h.submit('2021-07-30');
      h.correctEndorsement('2021-08-15', '2021-09-01');
      expect(result(h.events, '2021-09-02', 'endorsement').status).toBe('not met');
      h.correctEndorsement('2021-07-26', '2021-09-03');
      expect(result(h.events, '2021-09-04', 'endorsement')).toMatchObject({ status: 'met', detail: 'endorsed on 2021-07-26, submitted on 2021-07-30' });
    });
    it('keeps an endorsement that counted in time in time when it is corrected later to another date before the submission', () => {
      const h = history();
      h.register();
      h.draft();
      h.endorse('2021-07-26');
      h.submit('2021-07-30');
      h.correctEndorsement('2021-07-25', '2021-09-01');
      expect(result(h.events, '2021-10-01', 'endorsement')).toMatchObject({ status: 'met', detail: 'endorsed on 2021-07-25, submitted on 2021-07-30' });
    });
    it('is not applicable without a plan', () => {
      const h = history();
      h.register();
      expect(result(h.events, '2021-08-01', 'endorsement').status).toBe('not applicable');
    });
  });

  describe('a draft abandoned', () => {
    it('owes nothing from the day it was abandoned, each plan obligation citing the abandonment', () => {
      const h = history();
      h.register();
      const d = h.draft();
      h.commitment();
      h.milestone('m1', '2021-09-30');
      const a = h.abandon('2021-09-01');
      for (const id of ['endorsement', 'inception', 'milestone-reporting', 'evidence', 'verification', 'end-of-commitment'] as const) {
        expect(result(h.events, '2022-06-01', id)).toMatchObject({ status: 'not applicable', eventIds: [a], planId: 'p', detail: 'plan abandoned as a draft on 2021-09-01' });
      }
      // Judged as of a day before it was abandoned, it owed what any draft did.
      expect(result(h.events, '2021-08-31', 'endorsement')).toMatchObject({ status: 'overdue', eventIds: [d] });
    });
  });

  describe('inception (within 2 months of submission)', () => {
    const base = () => {
      const h = history();
      h.register();
      h.draft();
      h.endorse('2021-07-26');
      return h;
    };
    it('is not applicable before submission', () => {
      expect(result(base().events, '2021-07-28', 'inception').status).toBe('not applicable');
    });
    it('is due, then overdue, without an assessment', () => {
      const h = base();
      h.submit('2021-07-30');
      expect(result(h.events, '2021-09-30', 'inception').status).toBe('due');
      expect(result(h.events, '2021-10-01', 'inception').status).toBe('overdue');
    });
    it('is met by an assessment in time, not met by a late one', () => {
      const h = base();
      h.submit('2021-07-30');
      const i = h.inception('2021-09-30');
      expect(result(h.events, '2021-10-05', 'inception')).toMatchObject({ status: 'met', eventIds: [i] });
      const late = base();
      late.submit('2021-07-30');
      late.inception('2021-10-01');
      expect(result(late.events, '2021-10-05', 'inception').status).toBe('not met');
    });
    it('counts when the assessment was recorded: one recorded late is not met, whatever date it gives', () => {
      const h = base();
      h.submit('2021-07-30');
      h.inception('2021-09-20', '2021-11-15');
      expect(result(h.events, '2021-10-05', 'inception').status).toBe('overdue');
      expect(result(h.events, '2021-11-20', 'inception')).toMatchObject({ status: 'not met', detail: 'inception assessed 2021-09-20 (recorded 2021-11-15); due by 2021-09-30' });
    });
    it('gives the assessment\'s own date, and its recording day only when that is later', () => {
      const h = base();
      h.submit('2021-07-30');
      h.inception('2021-09-20');
      expect(result(h.events, '2021-10-05', 'inception').detail).toBe('inception assessed 2021-09-20; due by 2021-09-30');
    });
  });

  describe('milestone-reporting (a claim by the due date plus grace)', () => {
    const base = () => {
      const h = history();
      h.register();
      h.draft();
      h.endorse('2021-07-26');
      h.submit('2021-07-30');
      h.commitment();
      return h;
    };
    it('is due until the grace ends, then overdue', () => {
      const h = base();
      const m = h.milestone('m1', '2021-12-31');
      expect(result(h.events, '2022-01-14', 'milestone-reporting')).toMatchObject({ status: 'due', eventIds: [m] });
      expect(result(h.events, '2022-01-15', 'milestone-reporting').status).toBe('overdue');
    });
    it('is met by a claim recorded in time, not met by a late one', () => {
      const h = base();
      h.milestone('m1', '2021-12-31');
      const c = h.claim('m1', 'Limited', '2022-01-10', '2022-01-14');
      expect(result(h.events, '2022-02-01', 'milestone-reporting')).toMatchObject({ status: 'met', eventIds: [c] });
      const late = base();
      late.milestone('m1', '2021-12-31');
      late.claim('m1', 'Limited', '2022-01-10', '2022-01-15');
      expect(result(late.events, '2022-02-01', 'milestone-reporting').status).toBe('not met');
    });
    it('names the milestone by its title and the commitment by its OGP id', () => {
      const h = base();
      h.milestone('m1', '2021-12-31');
      expect(result(h.events, '2022-01-15', 'milestone-reporting').detail).toBe('milestone "Milestone m1" of IDSMG0001: no claim yet, due by 2022-01-14');
    });
    it('moves the deadline with a reschedule made in time', () => {
      const h = base();
      h.milestone('m1', '2021-12-31');
      h.reschedule('m1', '2022-06-30', '2022-01-10');
      expect(result(h.events, '2022-03-01', 'milestone-reporting').status).toBe('due');
      expect(result(h.events, '2022-07-15', 'milestone-reporting').status).toBe('overdue');
    });
    it('keeps a missed deadline missed: a reschedule after it does not undo the miss', () => {
      const h = base();
      h.milestone('m1', '2021-12-31');
      h.reschedule('m1', '2022-06-30', '2022-03-01');
      h.claim('m1', 'Limited', '2022-03-02', '2022-03-02', []);
      expect(result(h.events, '2022-03-03', 'milestone-reporting')).toMatchObject({ status: 'not met', detail: expect.stringContaining('due by 2022-01-14') });
    });
    it('keeps a met deadline met: a reschedule after the first claim does not reopen it', () => {
      const h = base();
      h.milestone('m1', '2021-12-31');
      h.claim('m1', 'Limited', '2021-12-20', '2021-12-20', []);
      h.reschedule('m1', '2021-10-31', '2021-12-21');
      expect(result(h.events, '2022-03-03', 'milestone-reporting').status).toBe('met');
    });
    it('ignores withdrawn milestones, withdrawn commitments and milestones not yet started', () => {
      const h = base();
      h.milestone('m1', '2021-12-31');
      h.withdrawMilestone('m1', '2021-11-01');
      h.milestone('m2', '2022-12-31', '2022-06-01');
      expect(result(h.events, '2022-02-01', 'milestone-reporting').status).toBe('not applicable');
      const w = base();
      w.milestone('m1', '2021-12-31');
      w.withdrawCommitment('2021-11-01');
      expect(result(w.events, '2022-02-01', 'milestone-reporting').status).toBe('not applicable');
    });
  });

  describe('evidence (Substantial and Complete claims carry evidence)', () => {
    const base = () => {
      const h = history();
      h.register();
      h.draft();
      h.commitment();
      h.milestone('m1', '2021-12-31');
      return h;
    };
    it('is met when such claims carry evidence, and not applicable without them', () => {
      const h = base();
      h.claim('m1', 'Limited', '2021-12-01', '2021-12-01', []);
      expect(result(h.events, '2022-01-01', 'evidence').status).toBe('not applicable');
      const c = h.claim('m1', 'Complete', '2021-12-20', '2021-12-20', undefined, 2);
      expect(result(h.events, '2022-01-01', 'evidence')).toMatchObject({ status: 'met', eventIds: [c] });
    });
    it('is not met by a Complete claim without evidence (e.g. imported history)', () => {
      const h = base();
      const c = h.claim('m1', 'Complete', '2021-12-20', '2021-12-20', []);
      expect(result(h.events, '2022-01-01', 'evidence')).toMatchObject({ status: 'not met', eventIds: [c] });
    });
    it('judges the current version of a claim: evidence added by a new version meets it', () => {
      const h = base();
      h.claim('m1', 'Substantial', '2021-12-01', '2021-12-01', []);
      const v2 = h.claim('m1', 'Substantial', '2021-12-01', '2021-12-10', undefined, 2);
      expect(result(h.events, '2022-01-01', 'evidence')).toMatchObject({ status: 'met', eventIds: [v2] });
    });
    it('is due, then overdue, while evidence a reviewer asked for is not supplied', () => {
      const h = base();
      h.claim('m1', 'Complete', '2021-12-20', '2021-12-20');
      const r = h.requestEvidence('m1-p', 1, '2022-01-05');
      expect(result(h.events, '2022-02-04', 'evidence')).toMatchObject({ status: 'due', eventIds: [r] });
      expect(result(h.events, '2022-02-05', 'evidence').status).toBe('overdue');
      h.claim('m1', 'Complete', '2021-12-20', '2022-02-10', undefined, 2);
      expect(result(h.events, '2022-02-11', 'evidence').status).toBe('not met');
    });
    it('is not answered by a new version that carries no evidence', () => {
      const h = base();
      h.claim('m1', 'Limited', '2021-12-20', '2021-12-20', []);
      h.requestEvidence('m1-p', 1, '2022-01-10');
      h.claim('m1', 'Limited', '2021-12-20', '2022-01-12', [], 2);
      expect(result(h.events, '2022-02-10', 'evidence').status).toBe('overdue');
      const v3 = h.claim('m1', 'Limited', '2021-12-20', '2022-02-11', undefined, 3);
      expect(result(h.events, '2022-02-12', 'evidence')).toMatchObject({ status: 'not met', eventIds: expect.arrayContaining([v3]) });
    });
    it('is settled by the reviewer verifying or disputing the version after asking', () => {
      const h = base();
      h.claim('m1', 'Complete', '2021-12-20', '2021-12-20');
      const r = h.requestEvidence('m1-p', 1, '2022-01-06');
      const v = h.verify('m1-p', 1, '2022-01-20');
      expect(result(h.events, '2022-06-01', 'evidence')).toMatchObject({ status: 'met', eventIds: expect.arrayContaining([r, v]) });
      expect(result(h.events, '2022-06-01', 'evidence').detail).toContain("settled by the reviewer's verification of v1 on 2022-01-20");
    });
    it('is answered by a new version that claims less than the version asked about (the claim is taken back)', () => {
      // Given a Complete claim the reviewer asked evidence for
      const h = base();
      h.claim('m1', 'Complete', '2021-12-20', '2021-12-20');
      const r = h.requestEvidence('m1-p', 1, '2022-01-05');
      // When the city answers with a Limited version and no evidence (Limited needs none)
      const v2 = h.claim('m1', 'Limited', '2021-12-20', '2022-01-12', [], 2);
      // Then the request is met by that version, long after its deadline too
      const found = result(h.events, '2022-06-01', 'evidence');
      expect(found).toMatchObject({ status: 'met', eventIds: [r, v2] });
      expect(found.detail).toContain('answered 2022-01-12 by v2, which claims Limited');
    });
    it('is settled by the reviewer verifying or disputing a later version', () => {
      // Given a request on a Limited v1, a Limited v2 without evidence (which does not answer it), and the reviewer
      // disputing v2
      const h = base();
      h.claim('m1', 'Limited', '2021-12-20', '2021-12-20', []);
      const r = h.requestEvidence('m1-p', 1, '2022-01-05');
      h.claim('m1', 'Limited', '2021-12-20', '2022-01-12', [], 2);
      const d = h.dispute('m1-p', 2, '2022-01-20');
      // Then the request is settled by that dispute
      const found = result(h.events, '2022-06-01', 'evidence');
      expect(found.eventIds).toEqual(expect.arrayContaining([r, d]));
      expect(found.detail).toContain("settled by the reviewer's dispute of v2 on 2022-01-20");
      expect(found.status).toBe('met');
    });
    it('counts requests of two reviewers on one version as one item, due from the first, answered by one new version', () => {
      // Given a Complete claim and two reviewers asking for evidence on its version 1
      const h = base();
      h.claim('m1', 'Complete', '2021-12-20', '2021-12-20');
      const first = h.requestEvidence('m1-p', 1, '2022-01-05');
      const second = h.requestEvidence('m1-p', 1, '2022-01-07');
      // Then the city owes one answer, due 30 days after the first request, citing both
      expect(result(h.events, '2022-01-10', 'evidence')).toEqual(expect.objectContaining({
        status: 'due',
        eventIds: [first, second],
        detail: '1 due, 1 met. claim m1-p v1 on milestone "Milestone m1" of IDSMG0001: evidence requested 2022-01-05 (2 requests), due by 2022-02-04',
      }));
      // When a new version supplies evidence, that one item is met
      const v2 = h.claim('m1', 'Complete', '2021-12-20', '2022-01-20', [{ url: 'https://x.org/decree', title: 'Decree', sha256: null }], 2);
      const met = result(h.events, '2022-01-21', 'evidence');
      expect(met.status).toBe('met');
      expect(met.eventIds).toEqual(expect.arrayContaining([first, second, v2]));
      expect(met.detail).toMatch(/^2 met\. /);
      expect(met.detail).toContain('evidence requested 2022-01-05 (2 requests), supplied 2022-01-20 (v2); due by 2022-02-04');
    });
    it('leaves out claims on a milestone withdrawn before the evidence asked for was due', () => {
      const h = base();
      h.claim('m1', 'Complete', '2021-12-20', '2021-12-20', []);
      h.requestEvidence('m1-p', 1, '2022-01-05');
      h.withdrawMilestone('m1', '2022-01-06');
      expect(result(h.events, '2022-06-01', 'evidence').status).toBe('not applicable');
    });
    it('keeps evidence asked for and not supplied by its deadline as not met when the milestone is withdrawn after it', () => {
      const h = base();
      h.claim('m1', 'Substantial', '2021-12-20', '2021-12-20');
      h.requestEvidence('m1-p', 1, '2022-01-05');
      h.withdrawMilestone('m1', '2022-03-01');
      expect(result(h.events, '2022-03-10', 'evidence')).toMatchObject({ status: 'not met', detail: expect.stringContaining('; withdrawn on 2022-03-01') });
    });
  });

  describe('verification (every Complete claim is reviewed)', () => {
    const base = () => {
      const h = history();
      h.register();
      h.draft();
      h.commitment();
      h.milestone('m1', '2021-12-31');
      return h;
    };
    it('is not applicable without Complete claims', () => {
      const h = base();
      h.claim('m1', 'Substantial', '2021-12-01', '2021-12-01');
      expect(result(h.events, '2022-01-01', 'verification').status).toBe('not applicable');
    });
    it('is due, then overdue, while the current version is unreviewed', () => {
      const h = base();
      const c = h.claim('m1', 'Complete', '2021-12-20', '2021-12-20');
      expect(result(h.events, '2022-02-18', 'verification')).toMatchObject({ status: 'due', eventIds: [c] });
      expect(result(h.events, '2022-02-19', 'verification').status).toBe('overdue');
    });
    it('is met by a review in time (verification or dispute), not met by a late one', () => {
      const h = base();
      h.claim('m1', 'Complete', '2021-12-20', '2021-12-20');
      const v = h.dispute('m1-p', 1, '2022-01-10');
      expect(result(h.events, '2022-03-01', 'verification')).toMatchObject({ status: 'met', eventIds: [v] });
      const late = base();
      late.claim('m1', 'Complete', '2021-12-20', '2021-12-20');
      late.verify('m1-p', 1, '2022-03-01');
      expect(result(late.events, '2022-03-02', 'verification').status).toBe('not met');
    });
    it('names an open review beside a late one, worst first, and leaves out the items not failing', () => {
      const h = base();
      h.milestone('m2', '2021-12-31');
      h.milestone('m3', '2022-06-30');
      const open = h.claim('m2', 'Complete', '2021-12-10', '2021-12-10');
      h.claim('m1', 'Complete', '2021-12-20', '2021-12-20');
      const late = h.verify('m1-p', 1, '2022-03-01');
      h.claim('m3', 'Complete', '2022-03-25', '2022-03-25');
      expect(result(h.events, '2022-04-01', 'verification')).toEqual(expect.objectContaining({
        status: 'not met',
        eventIds: [late, open],
        detail: '1 not met, 1 overdue, 1 due. Not met: claim m1-p v1 on milestone "Milestone m1" of IDSMG0001: reviewed 2022-03-01; due by 2022-02-18. ' +
          'Overdue: claim m2-p v1 on milestone "Milestone m2" of IDSMG0001: not reviewed; due by 2022-02-08',
      }));
    });
    it('leaves out Complete claims on a milestone withdrawn before their review was due', () => {
      const h = base();
      h.claim('m1', 'Complete', '2021-12-20', '2021-12-20');
      h.withdrawMilestone('m1', '2022-01-06');
      expect(result(h.events, '2022-06-01', 'verification').status).toBe('not applicable');
    });
    describe('when the milestone or commitment is withdrawn after a review was due', () => {
      // Given a Complete v1 recorded 2021-12-20 (review due by 2022-02-18), never reviewed
      const missed = () => {
        const h = base();
        h.claim('m1', 'Complete', '2021-12-20', '2021-12-20');
        return h;
      };
      it('keeps the miss, final, after the milestone is withdrawn', () => {
        const h = missed();
        h.withdrawMilestone('m1', '2022-03-05');
        expect(result(h.events, '2022-03-04', 'verification').status).toBe('overdue');
        expect(result(h.events, '2022-03-10', 'verification')).toMatchObject({
          status: 'not met',
          detail: 'claim m1-p v1 on milestone "Milestone m1" of IDSMG0001: not reviewed; due by 2022-02-18; withdrawn on 2022-03-05',
        });
      });
      it('keeps the miss of a superseded version too', () => {
        const h = missed();
        h.claim('m1', 'Complete', '2022-05-01', '2022-05-02', undefined, 2);
        h.withdrawMilestone('m1', '2022-05-10');
        expect(result(h.events, '2022-05-11', 'verification').status).toBe('not met');
      });
      it('keeps it when the whole commitment is withdrawn', () => {
        const h = missed();
        h.withdrawCommitment('2022-03-05');
        expect(result(h.events, '2022-03-10', 'verification').status).toBe('not met');
      });
      it('owes nothing for a version reviewed in time', () => {
        const h = missed();
        h.verify('m1-p', 1, '2022-02-01');
        h.withdrawMilestone('m1', '2022-03-05');
        expect(result(h.events, '2022-03-10', 'verification').status).toBe('not applicable');
      });
    });
    describe('when a version is superseded by a new one', () => {
      const overdueThenSuperseded = () => {
        // Given a Complete v1 recorded 2021-12-20 (review due by 2022-02-18), never reviewed, and months later an
        // evidence request answered by v2, which the reviewer verifies at once
        const h = base();
        const v1 = h.claim('m1', 'Complete', '2021-12-20', '2021-12-20');
        h.requestEvidence('m1-p', 1, '2022-07-15');
        const v2 = h.claim('m1', 'Complete', '2021-12-20', '2022-07-15', undefined, 2);
        h.verify('m1-p', 2, '2022-07-15');
        return { h, v1, v2 };
      };
      it('keeps a version that went past its deadline unreviewed not met, naming the version that superseded it', () => {
        const { h, v1, v2 } = overdueThenSuperseded();
        expect(result(h.events, '2022-08-01', 'verification')).toEqual(expect.objectContaining({
          status: 'not met',
          eventIds: [v1, v2],
          detail: '1 not met, 1 met. claim m1-p v1 on milestone "Milestone m1" of IDSMG0001: not reviewed by 2022-02-18; superseded by v2 on 2022-07-15',
        }));
      });
      it('does the same when the city files the new version on its own, without an evidence request', () => {
        const h = base();
        h.claim('m1', 'Complete', '2021-12-20', '2021-12-20');
        h.claim('m1', 'Complete', '2022-05-01', '2022-05-02', undefined, 2);
        expect(result(h.events, '2022-05-03', 'verification').detail).toContain('claim m1-p v1 on milestone "Milestone m1" of IDSMG0001: not reviewed by 2022-02-18; superseded by v2 on 2022-05-02');
      });
      it('shows what was known as of a day before the supersession: the old version overdue', () => {
        const { h, v1 } = overdueThenSuperseded();
        expect(result(h.events, '2022-07-14', 'verification')).toMatchObject({
          status: 'overdue',
          eventIds: [v1],
          detail: 'claim m1-p v1 on milestone "Milestone m1" of IDSMG0001: not reviewed; due by 2022-02-18',
        });
      });
      it('owes nothing for a version superseded before its deadline: the new version has its own clock', () => {
        const h = base();
        h.claim('m1', 'Complete', '2021-12-20', '2021-12-20');
        const v2 = h.claim('m1', 'Complete', '2021-12-20', '2022-02-18', undefined, 2);
        expect(result(h.events, '2022-03-01', 'verification')).toMatchObject({ status: 'due', eventIds: [v2], detail: 'claim m1-p v2 on milestone "Milestone m1" of IDSMG0001: not reviewed; due by 2022-04-19' });
        expect(result(h.events, '2022-04-20', 'verification').status).toBe('overdue');
      });
      it('keeps a late review of the old version not met, before and after the supersession', () => {
        const h = base();
        const v1 = h.claim('m1', 'Complete', '2021-12-20', '2021-12-20');
        const late = h.dispute('m1-p', 1, '2022-03-01');
        expect(result(h.events, '2022-03-02', 'verification')).toMatchObject({ status: 'not met', eventIds: [late] });
        const v2 = h.claim('m1', 'Complete', '2022-03-10', '2022-03-10', undefined, 2);
        h.verify('m1-p', 2, '2022-03-20');
        expect(result(h.events, '2022-04-01', 'verification')).toEqual(expect.objectContaining({
          status: 'not met',
          eventIds: [v1, late, v2],
          detail: '1 not met, 1 met. claim m1-p v1 on milestone "Milestone m1" of IDSMG0001: reviewed 2022-03-01; due by 2022-02-18; superseded by v2 on 2022-03-10',
        }));
      });
      it('does not stop the clock for an evidence request: the request is not a review', () => {
        // Given a request in time (2022-02-10) answered in time for the evidence obligation (2022-03-01), after v1's
        // review was due (2022-02-18)
        const h = base();
        h.claim('m1', 'Complete', '2021-12-20', '2021-12-20');
        h.requestEvidence('m1-p', 1, '2022-02-10');
        h.claim('m1', 'Complete', '2021-12-20', '2022-03-01', undefined, 2);
        // Then v1 went unreviewed past its deadline (the reviewer could have verified or disputed it in time)
        expect(result(h.events, '2022-03-02', 'verification').detail).toContain('v1 on milestone "Milestone m1" of IDSMG0001: not reviewed by 2022-02-18; superseded by v2 on 2022-03-01');
        expect(result(h.events, '2022-03-02', 'evidence').status).toBe('met');
      });
    });
    it('asks for a review of each new version', () => {
      const h = base();
      h.claim('m1', 'Complete', '2021-12-20', '2021-12-20');
      h.dispute('m1-p', 1, '2022-01-10');
      h.claim('m1', 'Complete', '2022-01-20', '2022-01-20', undefined, 2);
      expect(result(h.events, '2022-01-21', 'verification').status).toBe('due');
    });
  });

  describe('end-of-commitment (assessed within 1 month of completion)', () => {
    const base = () => {
      const h = history();
      h.register();
      h.draft();
      h.commitment('2022-12');
      h.milestone('m1', '2021-12-31');
      return h;
    };
    it('is not applicable before the commitment completes', () => {
      expect(result(base().events, '2022-06-01', 'end-of-commitment').status).toBe('not applicable');
    });
    it('counts completion from the last milestone’s Complete claim, and the window from the day it was reported', () => {
      const h = base();
      const c = h.claim('m1', 'Complete', '2022-03-15', '2022-03-16');
      expect(result(h.events, '2022-04-16', 'end-of-commitment')).toMatchObject({ status: 'due', eventIds: [c] });
      expect(result(h.events, '2022-04-17', 'end-of-commitment')).toMatchObject({ status: 'overdue', detail: 'IDSMG0001: complete on 2022-03-15 (reported 2022-03-16), not assessed; due by 2022-04-16' });
    });
    it('says the commitment ended with its period, not that it was complete, when not every milestone is Complete', () => {
      // Given a commitment running to 2022-12 whose only milestone was claimed Substantial
      const h = base();
      h.claim('m1', 'Substantial', '2022-03-15', '2022-03-16');
      // When the period has ended a month ago without an assessment
      const found = result(h.events, '2023-02-01', 'end-of-commitment');
      // Then the assessment is overdue, counted from the end of the period, which the detail names as such
      expect(found).toMatchObject({ status: 'overdue', detail: 'IDSMG0001: ended on 2022-12-31 (end of its period), not assessed; due by 2023-01-31' });
    });
    it('does not let a claim reported long after its as-of date start the window before it was made', () => {
      const h = base();
      h.claim('m1', 'Complete', '2022-01-05', '2022-06-01');
      expect(result(h.events, '2022-06-02', 'end-of-commitment').status).toBe('due');
    });
    it('takes a milestone’s current claim as progress does: a later Limited claim takes Complete back', () => {
      const h = base();
      h.claim('m1', 'Complete', '2022-01-05', '2022-01-05', undefined, 1, 'k1');
      h.claim('m1', 'Limited', '2022-03-05', '2022-03-05', [], 1, 'k2');
      expect(result(h.events, '2022-06-01', 'end-of-commitment').status).toBe('not applicable');
    });
    it('counts a backdated assessment from the day it was recorded', () => {
      const h = base();
      h.claim('m1', 'Complete', '2022-03-15', '2022-03-16');
      h.endAssessment('2022-04-10', '2022-06-01');
      expect(result(h.events, '2022-06-02', 'end-of-commitment')).toMatchObject({ status: 'not met', detail: expect.stringContaining('assessed 2022-04-10 (recorded 2022-06-01)') });
    });
    it('does not count an assessment dated before the commitment was complete', () => {
      const h = base();
      const a = h.endAssessment('2021-09-01');
      const c = h.claim('m1', 'Complete', '2022-03-15', '2022-03-16');
      expect(result(h.events, '2022-06-01', 'end-of-commitment')).toMatchObject({ status: 'overdue', eventIds: [a, c], detail: expect.stringContaining('assessed 2021-09-01, before it was complete') });
    });
    it('does not count a Complete claim that a later version took back', () => {
      const h = base();
      h.claim('m1', 'Complete', '2022-03-15', '2022-03-16');
      h.claim('m1', 'Limited', '2022-03-20', '2022-03-21', [], 2);
      expect(result(h.events, '2022-06-01', 'end-of-commitment').status).toBe('not applicable');
    });
    it('does not count a disputed Complete claim; then completion is the period’s end', () => {
      const h = base();
      h.claim('m1', 'Complete', '2022-03-15', '2022-03-16');
      h.dispute('m1-p', 1, '2022-03-20');
      expect(result(h.events, '2022-06-01', 'end-of-commitment').status).toBe('not applicable');
      expect(result(h.events, '2023-01-31', 'end-of-commitment').status).toBe('due');
      expect(result(h.events, '2023-02-01', 'end-of-commitment').status).toBe('overdue');
    });
    it('is met by an assessment in time, not met by a late one', () => {
      const h = base();
      h.claim('m1', 'Complete', '2022-03-15', '2022-03-16');
      const a = h.endAssessment('2022-04-10');
      expect(result(h.events, '2022-05-01', 'end-of-commitment')).toMatchObject({ status: 'met', eventIds: [a] });
      const late = base();
      late.claim('m1', 'Complete', '2022-03-15', '2022-03-16');
      late.endAssessment('2022-04-20');
      expect(result(late.events, '2022-05-01', 'end-of-commitment').status).toBe('not met');
    });
  });

  describe('the rule set', () => {
    it('decides which obligations are evaluated', () => {
      const h = history();
      h.register();
      const only: ObligationRuleSet = { ...OGP_LOCAL_2024, obligations: ['forum', 'website'] };
      expect(evaluate(h.events, '2021-02-01', only).map((r) => r.obligation)).toEqual(['forum', 'website']);
    });
    it('refuses an invalid as-of date', () => {
      expect(() => evaluate([], '2021-02-30', OGP_LOCAL_2024)).toThrow(expect.objectContaining({ code: 'date.invalid' }));
    });
    it('reads events in the order given, whatever their clocks say: a commitment recorded a moment “before” its plan is its plan’s', () => {
      const h = history();
      h.register();
      h.draft('2021-06-02');
      h.endorse('2021-07-26');
      h.submit('2021-07-30');
      h.commitment();
      h.milestone('m1', '2021-12-31');
      const planDrafted = h.events.find((e) => e.type === 'ActionPlanDrafted')!;
      const commitmentAdded = h.events.find((e) => e.type === 'CommitmentAdded')!;
      Object.assign(planDrafted, { recordedAt: '2021-06-02T03:00:00.005Z' });
      Object.assign(commitmentAdded, { recordedAt: '2021-06-02T03:00:00.001Z' });
      expect(result(h.events, '2022-03-01', 'milestone-reporting').status).toBe('overdue');
    });
    it('counts days in the member’s time zone: a claim at 01:00 in Semarang is recorded on Semarang’s day', () => {
      const inZone = (timeZone?: string) => {
        const h = history();
        h.register('2021-01-10', timeZone);
        h.draft();
        h.endorse('2021-07-26');
        h.submit('2021-07-30');
        h.commitment();
        h.milestone('m1', '2021-12-31');
        // 2022-01-14T18:00Z is 01:00 on 15 January in Asia/Jakarta: a day after the deadline there.
        h.at(h.claim('m1', 'Limited', '2022-01-10', '2022-01-14', []), '2022-01-14T18:00:00Z');
        return h;
      };
      expect(result(inZone('Asia/Jakarta').events, '2022-02-01', 'milestone-reporting')).toMatchObject({ status: 'not met', detail: expect.stringContaining('first claim recorded 2022-01-15') });
      expect(result(inZone(undefined).events, '2022-02-01', 'milestone-reporting').status).toBe('met');
      // An instant as-of falls on the member's day too: 20:00 UTC on the 14th is already the 15th in Semarang.
      expect(result(inZone('Asia/Jakarta').events, '2022-01-14T20:00:00Z', 'milestone-reporting').status).toBe('not met');
    });
    it('takes in, as of a date, what was recorded on that day in a zone moved westward after the date had passed in the old one', () => {
      const h = history();
      h.register('2021-01-10', 'Pacific/Kiritimati');
      // 11:00 UTC on 30 July is 01:00 on the 31st in Kiritimati (UTC+14): the change is recorded on the 31st there.
      h.at(h.changeZone('Asia/Jakarta', '2021-07-31'), '2021-07-30T11:00:00Z');
      // An hour later it is 19:00 on the 30th in Jakarta, the zone now kept: the meeting is recorded on the 30th.
      const meeting = h.at(h.meeting('2021-07-28'), '2021-07-30T12:00:00Z').id;
      const judged = evaluation(h.events, '2021-07-30');
      expect(judged.timeZone).toBe('Asia/Jakarta');
      expect(judged.results.find((r) => r.obligation === 'forum')?.eventIds).toContain(meeting);
    });
    it('counts days in a changed zone from the change on, leaving the days before it as they were', () => {
      const h = history();
      h.register('2021-01-10');
      h.draft();
      h.endorse('2021-07-26');
      h.submit('2021-07-30');
      h.commitment();
      h.milestone('m1', '2021-12-31');
      h.milestone('m2', '2021-12-31');
      // Both claims at 18:00 UTC on the 14th, the deadline: on time in UTC, the 15th in Asia/Jakarta.
      h.at(h.claim('m1', 'Limited', '2022-01-10', '2022-01-14', [], 1, 'k1'), '2022-01-14T18:00:00Z');
      h.at(h.changeZone('Asia/Jakarta', '2022-01-14'), '2022-01-14T18:30:00Z');
      h.at(h.claim('m2', 'Limited', '2022-01-10', '2022-01-14', [], 1, 'k2'), '2022-01-14T19:00:00Z');
      const r = result(h.events, '2022-02-01', 'milestone-reporting');
      expect(r).toMatchObject({ status: 'not met', detail: expect.stringContaining('1 not met, 1 met') });
      expect(r.detail).toContain('milestone "Milestone m2" of IDSMG0001: first claim recorded 2022-01-15');
    });
    it('ignores event types it does not know', () => {
      const h = history();
      h.register('2021-01-10');
      h.events.push({ id: 'x', type: 'SomethingElse', data: null, recordedAt: '2021-01-11T00:00:00Z', stream: 'member-m' });
      expect(result(h.events, '2021-02-01', 'forum').status).toBe('due');
    });
  });
});
