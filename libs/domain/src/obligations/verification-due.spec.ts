// Specs of the verification deadline a reviewer's queue shares with the verification verdict.
import { OGP_LOCAL_2024, type ObligationRuleSet } from './rule-set';
import { verificationDueBy } from './verification-due';

describe('verificationDueBy', () => {
  describe('given a Complete version recorded on 2023-07-20', () => {
    it('is due by the day the rule set’s window ends (60 days under OGP Local 2024)', () => {
      expect(verificationDueBy('2023-07-20', OGP_LOCAL_2024)).toBe('2023-09-18');
    });

    it('follows the rule set’s window when it changes', () => {
      const shorter: ObligationRuleSet = { ...OGP_LOCAL_2024, verification: { withinDays: 10 } };
      expect(verificationDueBy('2023-12-28', shorter)).toBe('2024-01-07');
    });
  });
});
