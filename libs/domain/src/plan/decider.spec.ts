// Specification of the action plan decider: Draft -> Submitted -> Implementing -> Ended, endorsement and inception.
import { deciderSpec } from '../testing/given-when-then';
import { ADMIN, as, implementationStarted, memberState, NOW, planAbandoned, planDrafted, planEndorsed, planSubmitted, REVIEWER } from '../testing/fixtures';
import type { Actor } from '../shared/context';
import type { MemberState } from '../member/state';
import type { PlanCommand } from './commands';
import type { PlanEvent } from './events';
import { planDecider } from './decider';

const spec = deciderSpec(planDecider);
const ctx = (actor: Actor = ADMIN, member: MemberState = memberState, now = NOW) => ({ ...as(actor, now), member });
const draft: PlanCommand = { type: 'DraftActionPlan', data: { planId: 'plan-1', memberId: 'semarang', title: 'Action plan 2021-2023', periodStart: '2021-08', periodEnd: '2023-12' } };
const endorse: PlanCommand = { type: 'EndorseActionPlan', data: { planId: 'plan-1', endorsedOn: '2021-07-26', endorsedBy: ['PATTIRO Semarang'], statementUrl: null } };
const submit: PlanCommand = { type: 'SubmitActionPlan', data: { planId: 'plan-1', submittedOn: '2021-07-30' } };
const inception = (assessedOn = '2021-09-20'): PlanCommand => ({ type: 'RecordInceptionAssessment', data: { planId: 'plan-1', assessedOn, reportUrl: 'https://example.org/inception', summary: 'Relevant' } });
const start = (startedOn = '2021-08-01'): PlanCommand => ({ type: 'StartImplementation', data: { planId: 'plan-1', startedOn } });
const end: PlanCommand = { type: 'EndActionPlan', data: { planId: 'plan-1', endedOn: '2023-12-31' } };
const abandon = (reason = 'Drafted twice by mistake'): PlanCommand => ({ type: 'AbandonActionPlan', data: { planId: 'plan-1', reason } });

describe('action plan', () => {
  describe('when nothing exists yet', () => {
    it('drafts a plan for a registered member', () => {
      spec.given([]).when(draft, ctx(ADMIN, memberState, '2021-06-01T03:00:00Z')).then([planDrafted]);
    });
    it('refuses a plan for an unregistered member', () => {
      spec.given([]).when(draft, ctx(ADMIN, null)).thenFails('member.not-found');
    });
    it('refuses a period that ends before it starts, or is not in months', () => {
      spec.given([]).when({ ...draft, data: { ...draft.data, periodEnd: '2021-07' } }, ctx()).thenFails('date.out-of-order');
      spec.given([]).when({ ...draft, data: { ...draft.data, periodStart: '2021-13' } }, ctx()).thenFails('date.invalid');
    });
    it('refuses a period of more than 5 years, starting before OGP Local, or more than 2 years ahead', () => {
      const period = (periodStart: string, periodEnd: string) => ({ ...draft, data: { ...draft.data, periodStart, periodEnd } });
      spec.given([]).when(period('2021-01', '2025-12'), ctx()).thenAccepted();
      const long = spec.given([]).when(period('1999-01', '2099-12'), ctx()).thenFails('plan.period-implausible');
      expect(long.message).toBe('The plan period 1999-01 to 2099-12 runs 1212 months; an OGP Local action plan runs at most 60');
      spec.given([]).when(period('2021-01', '2026-01'), ctx()).thenFails('plan.period-implausible');
      spec.given([]).when(period('2015-12', '2017-12'), ctx()).thenFails('plan.period-implausible');
      // NOW is 2022-03-01: a plan may start up to December 2024.
      spec.given([]).when(period('2024-12', '2026-12'), ctx()).thenAccepted();
      spec.given([]).when(period('2025-01', '2026-12'), ctx()).thenFails('plan.period-implausible');
    });
    it('refuses a period overlapping another plan of the member, unless that one was abandoned', () => {
      const other = (status: 'Draft' | 'Implementing' | 'Abandoned', periodStart = '2021-01', periodEnd = '2022-12') =>
        ({ planId: 'plan-0', memberId: 'semarang', title: 'Rencana Aksi 2021-2022', periodStart, periodEnd, status, endorsement: null, submittedOn: null, inceptionAssessedOn: null, startedOn: null, endedOn: null, abandonment: null });
      const withOthers = (...memberPlans: ReturnType<typeof other>[]) => ({ ...ctx(), memberPlans });
      const overlap = spec.given([]).when(draft, withOthers(other('Implementing'))).thenFails('plan.period-overlaps');
      expect(overlap.message).toBe('The period 2021-08 to 2023-12 overlaps plan "Rencana Aksi 2021-2022" (plan-0, 2021-01 to 2022-12, Implementing): a member carries out one action plan at a time (its period stands: a next plan starts after 2022-12)');
      const draftOverlap = spec.given([]).when(draft, withOthers(other('Draft'))).thenFails('plan.period-overlaps');
      expect(draftOverlap.message).toMatch(/\(abandon that draft first if it was drafted by mistake\)$/);
      spec.given([]).when(draft, withOthers(other('Abandoned'))).thenAccepted();
      // The next plan starts the month after the last one ends.
      spec.given([]).when(draft, withOthers(other('Implementing', '2019-08', '2021-07'))).thenAccepted();
    });
    it('refuses an invalid plan id', () => {
      spec.given([]).when({ ...draft, data: { ...draft.data, planId: 'Plan 1' } }, ctx()).thenFails('id.invalid');
    });
    it('refuses steps on a plan that does not exist', () => {
      spec.given([]).when(submit, ctx()).thenFails('plan.not-found');
    });
  });

  describe('when Draft', () => {
    it('folds a misplaced second ActionPlanDrafted as nothing', () => {
      const draft = planDecider.evolve(null, planDrafted);
      const second = { ...planDrafted, data: { ...planDrafted.data, title: 'Another title' } } as PlanEvent;
      expect(planDecider.evolve(draft, second)).toBe(draft);
    });
    it('refuses drafting it again', () => {
      spec.given([planDrafted]).when(draft, ctx()).thenFails('plan.already-exists');
    });
    it('records civil society endorsement on its date', () => {
      spec.given([planDrafted]).when(endorse, ctx()).then([planEndorsed]);
    });
    it('refuses an endorsement naming nobody', () => {
      spec.given([planDrafted]).when({ ...endorse, data: { ...endorse.data, endorsedBy: [] } }, ctx()).thenFails('field.required');
    });
    it('refuses a second endorsement', () => {
      spec.given([planDrafted, planEndorsed]).when(endorse, ctx()).thenFails('plan.already-endorsed');
    });
    it('corrects an endorsement with a reason, keeping what it said before', () => {
      const correct = (over: Partial<{ endorsedOn: string; endorsedBy: string[]; statementUrl: string | null; reason: string }> = {}): PlanCommand => ({
        type: 'CorrectEndorsement', data: { planId: 'plan-1', endorsedOn: '2021-07-24', endorsedBy: ['PATTIRO Semarang'], statementUrl: null, reason: 'Mistyped date', ...over },
      });
      const [corrected] = spec.given([planDrafted, planEndorsed]).when(correct(), ctx()).then([
        { type: 'EndorsementCorrected', data: { planId: 'plan-1', endorsedBy: ['PATTIRO Semarang'], statementUrl: null, previous: { endorsedOn: '2021-07-26', endorsedBy: ['PATTIRO Semarang'], statementUrl: null }, reason: 'Mistyped date', effectiveAt: '2021-07-24' } },
      ]);
      expect([planDrafted, planEndorsed, corrected!].reduce(planDecider.evolve, null)?.endorsement).toEqual({ endorsedOn: '2021-07-24', endorsedBy: ['PATTIRO Semarang'], statementUrl: null });
      spec.given([planDrafted]).when(correct(), ctx()).thenFails('plan.not-endorsed');
      spec.given([planDrafted, planEndorsed]).when(correct({ endorsedOn: '2021-07-26' }), ctx()).thenFails('plan.endorsement-unchanged');
      spec.given([planDrafted, planEndorsed]).when(correct({ endorsedOn: '2021-07-26', endorsedBy: [' PATTIRO  Semarang ', 'PATTIRO Semarang'] }), ctx()).thenFails('plan.endorsement-unchanged');
      // A statement left out stays; null removes it.
      const withStatement: PlanEvent = { ...planEndorsed, data: { ...planEndorsed.data, statementUrl: 'https://pattiro.org/statement' } } as PlanEvent;
      const { statementUrl: _, ...dateOnly } = (correct() as Extract<PlanCommand, { type: 'CorrectEndorsement' }>).data;
      const [kept] = spec.given([planDrafted, withStatement]).when({ type: 'CorrectEndorsement', data: dateOnly }, ctx()).thenAccepted();
      expect(kept).toMatchObject({ data: { statementUrl: 'https://pattiro.org/statement', previous: { statementUrl: 'https://pattiro.org/statement' } } });
      const [removed] = spec.given([planDrafted, withStatement]).when(correct({ endorsedOn: '2021-07-26' }), ctx()).thenAccepted();
      expect(removed).toMatchObject({ data: { statementUrl: null } });
      spec.given([planDrafted, planEndorsed]).when(correct({ reason: ' ' }), ctx()).thenFails('reason.required');
      spec.given([planDrafted, planEndorsed]).when(correct({ endorsedBy: [] }), ctx()).thenFails('field.required');
      spec.given([planDrafted, planEndorsed]).when(correct(), ctx(REVIEWER)).thenFails('actor.forbidden-role');
      // Also once submitted: the mistyped date is the record's.
      spec.given([planDrafted, planEndorsed, planSubmitted]).when(correct(), ctx()).thenAccepted();
    });
    it('submits an endorsed plan, noting the endorsement', () => {
      spec.given([planDrafted, planEndorsed]).when(submit, ctx()).then([planSubmitted]);
    });
    it('records submission without endorsement, marked unendorsed (the obligation reports it)', () => {
      spec.given([planDrafted]).when(submit, ctx()).then([{ type: 'ActionPlanSubmitted', data: { planId: 'plan-1', endorsed: false, effectiveAt: '2021-07-30' } }]);
    });
    it('refuses an inception assessment before submission', () => {
      spec.given([planDrafted]).when(inception(), ctx(REVIEWER)).thenFails('plan.invalid-transition');
    });
    it('refuses starting implementation before submission', () => {
      spec.given([planDrafted]).when(start(), ctx()).thenFails('plan.invalid-transition');
    });
    it('refuses a reviewer drafting or submitting', () => {
      spec.given([planDrafted]).when(submit, ctx(REVIEWER)).thenFails('actor.forbidden-role');
    });
    it('abandons the draft, with a reason, when it is recorded', () => {
      spec.given([planDrafted]).when(abandon(), ctx(ADMIN, memberState, '2021-06-03T03:00:00Z')).then([planAbandoned]);
      expect([planDrafted, planAbandoned].reduce(planDecider.evolve, null)).toMatchObject({ status: 'Abandoned', abandonment: { at: '2021-06-03T03:00:00Z', reason: 'Drafted twice by mistake' } });
    });
    it('refuses abandoning without a reason, or by a reviewer', () => {
      spec.given([planDrafted]).when(abandon('  '), ctx()).thenFails('reason.required');
      spec.given([planDrafted]).when(abandon(), ctx(REVIEWER)).thenFails('actor.forbidden-role');
    });
  });

  describe('when Abandoned', () => {
    const given = [planDrafted, planAbandoned];
    it('refuses every further step, and abandoning it again', () => {
      for (const command of [endorse, submit, abandon()]) spec.given(given).when(command, ctx()).thenFails('plan.invalid-transition');
      expect(spec.given(given).when(abandon(), ctx()).thenFails('plan.invalid-transition').message).toBe('Cannot abandon the plan: the plan was abandoned as a draft at 2021-06-03T03:00:00Z (Drafted twice by mistake)');
      spec.given(given).when(inception(), ctx(REVIEWER)).thenFails('plan.invalid-transition');
    });
  });

  describe('when Submitted', () => {
    const given = [planDrafted, planEndorsed, planSubmitted];
    it('refuses a second endorsement and a second submission', () => {
      spec.given(given).when(endorse, ctx()).thenFails('plan.already-endorsed');
      spec.given(given).when(submit, ctx()).thenFails('plan.invalid-transition');
    });
    it('records an endorsement entered after the submission (the obligation judges it by its recording day)', () => {
      spec.given([planDrafted, planSubmitted]).when(endorse, ctx()).thenAccepted();
    });
    it('records the inception assessment by a reviewer, naming them', () => {
      spec.given(given).when(inception(), ctx(REVIEWER)).then([
        { type: 'InceptionAssessmentRecorded', data: { planId: 'plan-1', reviewerId: 'reviewer-1', reportUrl: 'https://example.org/inception', summary: 'Relevant', effectiveAt: '2021-09-20' } },
      ]);
    });
    it('refuses an inception assessment by an admin', () => {
      spec.given(given).when(inception(), ctx(ADMIN)).thenFails('actor.forbidden-role');
    });
    it('refuses an inception assessment dated before submission', () => {
      spec.given(given).when(inception('2021-07-01'), ctx(REVIEWER)).thenFails('date.out-of-order');
    });
    it('refuses a second inception assessment', () => {
      const first = planDecider.decide(inception(), given.reduce(planDecider.evolve, null), ctx(REVIEWER));
      spec.given([...given, ...first]).when(inception(), ctx(REVIEWER)).thenFails('inception.already-recorded');
    });
    it('starts implementation', () => {
      spec.given(given).when(start(), ctx()).then([implementationStarted]);
    });
    it('refuses implementation starting before submission', () => {
      spec.given(given).when(start('2021-07-01'), ctx()).thenFails('date.out-of-order');
    });
    it('refuses ending a plan that is not implementing', () => {
      spec.given(given).when(end, ctx()).thenFails('plan.invalid-transition');
    });
    it('refuses abandoning it: OGP has the submitted plan', () => {
      spec.given(given).when(abandon(), ctx()).thenFails('plan.invalid-transition');
    });
  });

  describe('when Implementing', () => {
    const given = [planDrafted, planEndorsed, planSubmitted, implementationStarted];
    it('ends the plan', () => {
      spec.given(given).when(end, ctx(ADMIN, memberState, '2024-01-05T02:00:00Z')).then([{ type: 'ActionPlanEnded', data: { planId: 'plan-1', effectiveAt: '2023-12-31' } }]);
      expect(given.reduce(planDecider.evolve, null)?.status).toBe('Implementing');
    });
    it('refuses to end the plan on a day that has not come yet', () => {
      spec.given(given).when(end, ctx()).thenFails('date.in-future');
    });
    it('refuses an end date before implementation started', () => {
      spec.given(given).when({ type: 'EndActionPlan', data: { planId: 'plan-1', endedOn: '2021-07-31' } }, ctx()).thenFails('date.out-of-order');
    });
    it('still accepts the inception assessment', () => {
      spec.given(given).when(inception(), ctx(REVIEWER)).thenAccepted();
    });
  });

});
