// Specification of the notices a command's answer carries about the events it wrote.
import { noticesOf } from './notices';
import { planSubmitted, progressReported } from './testing/fixtures';

describe('notices', () => {
  it('tells that a plan was recorded as submitted without endorsement, and how an earlier endorsement still counts', () => {
    const [notice, ...more] = noticesOf([{ type: 'ActionPlanSubmitted', data: { planId: 'plan-1', endorsed: false, effectiveAt: '2021-07-30' } }]);
    expect(more).toEqual([]);
    expect(notice).toMatch(/^Recorded as submitted on 2021-07-30 without civil society's endorsement on or before that day: the endorsement obligation reports it as not met\. /);
    expect(notice).toMatch(/enter that endorsement today with its date \(or, if one is recorded with a wrong date, correct it today\)/);
  });
  it('tells that a claim was marked late', () => {
    const late = { ...progressReported, data: { ...progressReported.data, late: true } };
    expect(noticesOf([late])).toEqual(['Marked late: the plan had ended before this claim was recorded.']);
  });
  it('says nothing of an endorsed submission, a claim in time, or any other event', () => {
    expect(noticesOf([planSubmitted, progressReported, { type: 'ForumMeetingRecorded', data: {} }, { type: 'SomethingElse', data: null }])).toEqual([]);
  });
});
