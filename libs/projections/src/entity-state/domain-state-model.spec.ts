// Specs of the domain binding: needsUpcast as the domain's own version table, and a commitment in OGP's fields.
import { commitmentDecider, type CommitmentEvent, EVENT_SCHEMA_VERSIONS, EVENT_TYPES, isEventType, planDecider, type PlanEvent } from '@ogp/domain';
import { commitmentRecord, domainStateModel } from './domain-state-model';
import { COMMITMENT_FIELDS } from './state-model';

describe('domainStateModel', () => {
  describe('needsUpcast', () => {
    it('answers as the domain schema versions do, for every event type and for unknown types', () => {
      const types = [...EVENT_TYPES, 'Unknown', 'toString', 'constructor', '__proto__', 'hasOwnProperty', ''];
      for (const type of types) {
        for (let version = 0; version <= 4; version++) {
          const reference = version < (isEventType(type) ? EVENT_SCHEMA_VERSIONS[type] : 0);
          expect([type, version, domainStateModel.needsUpcast!(type, version)]).toEqual([type, version, reference]);
        }
      }
    });
  });

  describe('commitmentRecord', () => {
    const drafted: PlanEvent = {
      type: 'ActionPlanDrafted',
      data: { planId: 'plan-1', memberId: 'semarang', title: 'Semarang OGP Local Action Plan', periodStart: '2021-08', periodEnd: '2023-12', effectiveAt: '2021-06-01T03:00:00Z' },
    };
    const added: CommitmentEvent = {
      type: 'CommitmentAdded',
      data: {
        commitmentId: 'c-1', planId: 'plan-1', memberId: 'semarang', ogpId: 'IDSMG0001', title: 'Semarang Satu Data', problem: 'Scattered data',
        statusQuo: 'No portal', action: 'Build a portal', objective: 'One place for data', values: ['Access to Information', 'Civic Participation'],
        leadInstitution: 'Diskominfo', supportingInstitutions: { government: ['Bappeda'], civilSociety: ['PATTIRO Semarang'] }, policyArea: 'Open data',
        startMonth: '2021-08', endMonth: '2022-12', planRevision: false, reason: null, effectiveAt: '2021-06-02T03:00:00Z',
      },
    };

    it('gives every OGP field of a commitment, its terms, plan and completion (its progress before any claim), then its ledger id, member and counts', () => {
      const record = commitmentRecord(commitmentDecider.evolve(null, added), planDecider.evolve(null, drafted));
      expect(Object.keys(record)).toEqual([...COMMITMENT_FIELDS]);
      expect(record).toEqual({
        'Commitment ID': 'IDSMG0001',
        Title: 'Semarang Satu Data',
        'Action Plan': 'Semarang OGP Local Action Plan (2021-08 – 2023-12)',
        'Commitment Start': '2021-08',
        'Commitment End': '2022-12',
        'Institutions involved': 'Diskominfo; Bappeda; PATTIRO Semarang',
        'Primary Policy Area': 'Open data',
        'OGP Value': 'Access to Information; Civic Participation',
        Problem: 'Scattered data',
        'Status quo': 'No portal',
        Action: 'Build a portal',
        Objective: 'One place for data',
        Completion: '',
        'Reported Progress': 'No Evidence Available',
        'Action Plan Status': 'Draft',
        'Ledger ID': 'c-1',
        Member: 'semarang',
        'Member ID': 'semarang',
        'Active Milestones': 0,
        'Milestones Verified': 0,
        'Milestones Disputed': 0,
        'Milestones Awaiting Review': 0,
      });
    });
  });
});
