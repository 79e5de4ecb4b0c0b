// The claim index answers as a scan of the list would, however lists are made from one another.
import fc from 'fast-check';
import { claimById, claimIndex, withClaimAt } from './claim-index';
import type { ProgressClaim } from './state';

const claim = (claimId: string, version = 1): ProgressClaim => ({
  claimId,
  milestoneId: 'm-1',
  version,
  completion: 'Limited',
  asOf: '2022-01-05',
  narrative: `${claimId} v${version}`,
  evidence: [],
  claimedBy: 'admin-1',
  late: false,
  review: { status: 'Submitted', reviewerId: null, reason: null },
});

/** As evolve reports a claim: in place of its id's, else appended. */
const withReportedClaim = (claims: readonly ProgressClaim[], c: ProgressClaim): readonly ProgressClaim[] => {
  const i = claimIndex(claims, c.claimId);
  return withClaimAt(claims, i < 0 ? claims.length : i, c);
};

/** The reference: a scan. */
const scanned = (claims: readonly ProgressClaim[], claimId: string): number => claims.findIndex((c) => c.claimId === claimId);

const reported = (ids: readonly string[], from: readonly ProgressClaim[] = []): readonly ProgressClaim[] =>
  ids.reduce((claims, id) => withReportedClaim(claims, claim(id)), from);
/** Long enough to be indexed (short lists are scanned). */
const LONG = Array.from({ length: 70 }, (_, i) => `q-${i}`);

describe('claim index', () => {
  describe.each([
    ['short', [] as string[]],
    ['long', LONG],
  ])('given a %s list built by reporting claims one after another', (_name, before) => {
    const list = reported(['p-1', 'p-2', 'p-3'], reported(before));
    const at = before.length;

    it('finds each claim where it was appended, and no other id', () => {
      expect(['p-1', 'p-2', 'p-3', 'p-4'].map((id) => claimIndex(list, id))).toEqual([at, at + 1, at + 2, -1]);
    });

    it('replaces a claim reported again in place, leaving the earlier list as it was', () => {
      const again = withReportedClaim(Object.freeze(list), claim('p-2', 2));
      expect(again.slice(at).map((c) => c.narrative)).toEqual(['p-1 v1', 'p-2 v2', 'p-3 v1']);
      expect(list.slice(at).map((c) => c.narrative)).toEqual(['p-1 v1', 'p-2 v1', 'p-3 v1']);
      expect(claimIndex(again, 'p-2')).toBe(at + 1);
    });

    describe('and two lists made from it with different claims at the same place', () => {
      const left = withReportedClaim(list, claim('p-left'));
      const right = withReportedClaim(list, claim('p-right'));

      it('finds each list its own claim and not the other’s', () => {
        expect([claimIndex(left, 'p-left'), claimIndex(left, 'p-right')]).toEqual([at + 3, -1]);
        expect([claimIndex(right, 'p-right'), claimIndex(right, 'p-left')]).toEqual([at + 3, -1]);
        expect(claimIndex(list, 'p-left')).toBe(-1);
      });
    });
  });

  it('gives the claim itself by id, or undefined', () => {
    const list = reported([...LONG, 'p-1']);
    expect(claimById(list, 'p-1')?.claimId).toBe('p-1');
    expect(claimById(list, 'p-9')).toBeUndefined();
    expect(claimById([], 'p-1')).toBeUndefined();
  });

  it('answers for a list it did not make (parsed from JSON) as a scan does', () => {
    const parsed = JSON.parse(JSON.stringify(reported([...LONG, 'p-1', 'p-2']))) as ProgressClaim[];
    expect([claimIndex(parsed, 'p-2'), claimIndex(parsed, 'p-9')]).toEqual([71, -1]);
  });

  it('agrees with a scan on any history of reports, reviews (in place) and branches from earlier lists', () => {
    // Each step: which earlier list to start from, which claim id (of 6, or of the long list), report or review.
    const steps = fc.array(fc.tuple(fc.nat(30), fc.nat(7), fc.boolean()), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(steps, (ss) => {
        const lists: (readonly ProgressClaim[])[] = [[], reported(LONG.slice(0, 60)), reported(LONG)];
        for (const [from, n, review] of ss) {
          const before = lists[from % lists.length]!;
          const id = n === 6 ? 'q-0' : `p-${n}`;
          const at = scanned(before, id);
          if (review && at >= 0) {
            const after = withClaimAt(before, at, { ...before[at]!, narrative: 'reviewed' });
            expect(after.map((c) => c.claimId)).toEqual(before.map((c) => c.claimId));
            lists.push(after);
            continue;
          }
          const after = withReportedClaim(before, claim(id, lists.length));
          expect(after.length).toBe(at < 0 ? before.length + 1 : before.length);
          lists.push(after);
        }
        for (const list of lists) {
          for (const id of ['p-0', 'p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'q-0', 'q-69']) expect(claimIndex(list, id)).toBe(scanned(list, id));
        }
      }),
    );
  });
});
