// Specification of the cadence rules' wording when facts from before registration were entered (back-filled history).
import type { MemberFacts } from './history';
import { cadenceItems } from './member-rules';

const registered = (on: string, ...meetings: string[]): MemberFacts => ({
  registration: { eventId: 'reg', on },
  meetings: meetings.map((day, i) => ({ eventId: `m${i}`, on: day, meetingId: `f${i}` })),
  publicUpdates: [],
  plans: [],
});

describe('cadence obligations (forum, website)', () => {
  describe('when facts dated before registration exist', () => {
    it('says how many were left out while the first one since registration is due', () => {
      const facts = registered('2026-12-04', '2026-01-15', '2026-06-10', '2026-11-20');
      expect(cadenceItems(facts, facts.meetings, 6, '2026-12-04', 'forum meeting')).toEqual([
        { status: 'due', eventIds: ['reg'], detail: 'first forum meeting due by 2027-06-04 (3 forum meetings before registration on 2026-12-04 are not counted)' },
      ]);
    });
    it('says it once overdue and once met too, in the singular for one', () => {
      const facts = registered('2026-12-04', '2026-12-01');
      expect(cadenceItems(facts, facts.meetings, 4, '2027-04-05', 'public information update')).toEqual([
        { status: 'overdue', eventIds: ['reg'], detail: 'no public information update since 2026-12-04; one was due by 2027-04-04 (1 public information update before registration on 2026-12-04 is not counted)' },
      ]);
      const later = registered('2026-12-04', '2026-12-01', '2027-01-10');
      expect(cadenceItems(later, later.meetings, 6, '2027-02-01', 'forum meeting')).toEqual([
        { status: 'met', eventIds: ['m1'], detail: 'latest forum meeting on 2027-01-10; next due by 2027-07-10 (1 forum meeting before registration on 2026-12-04 is not counted)' },
      ]);
    });
  });
  describe('when every fact is from registration on', () => {
    it('says nothing about uncounted facts', () => {
      const facts = registered('2026-12-04');
      expect(cadenceItems(facts, facts.meetings, 6, '2026-12-04', 'forum meeting')[0]?.detail).toBe('first forum meeting due by 2027-06-04');
    });
  });
});
