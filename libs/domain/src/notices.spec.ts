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
    expect(noticesOf([late])).toEqual(["Marked late: recorded after the plan's end (the end recorded, or the last day of its period while none is)."]);
  });
  it('tells that an assessment entered later than its date counts from the day it is recorded', () => {
    const inception = { type: 'InceptionAssessmentRecorded', data: { planId: 'plan-1', reviewerId: 'r', reportUrl: 'https://ogp.org/r', summary: 's', effectiveAt: '2023-02-15' } };
    expect(noticesOf([inception], () => '2023-05-02')).toEqual([
      'Recorded on 2023-05-02, later than its date 2023-02-15: the inception obligation counts an assessment from the day it is recorded, so if that day is past its deadline the obligation reports it as not met (the assessment keeps its date).',
    ]);
    // entered on its own day, or with no day of recording known (events read back after a lost answer): nothing
    expect(noticesOf([inception], () => '2023-02-15')).toEqual([]);
    expect(noticesOf([inception])).toEqual([]);
  });
  it('says nothing of an endorsed submission, a claim in time, or any other event', () => {
    expect(noticesOf([planSubmitted, progressReported, { type: 'ForumMeetingRecorded', data: {} }, { type: 'SomethingElse', data: null }])).toEqual([]);
  });
});
