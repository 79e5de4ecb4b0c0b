// The Semarang demo: its 2021-2023 OGP Local plan as a command script (public facts plus illustrative steps).
import type { DomainCommand } from '../domain-commands';
import type { Evidence } from '../shared/evidence';
import type { ClaimedCompletion, DidItOpenGovernmentOrNa, OgpValue } from '../shared/scales';
import type { DemoStep } from './demo-script';
import { SEMARANG_COMMITMENTS, SEMARANG_MEMBER_ID, SEMARANG_MILESTONES, SEMARANG_PLAN_ID } from './semarang-commitments';

export { SEMARANG_MEMBER_ID, SEMARANG_PLAN_ID, SEMARANG_COMMITMENTS, SEMARANG_MILESTONES } from './semarang-commitments';

const ADMIN = { id: 'smg-admin-1', role: 'admin' } as const;
const OSU = { id: 'ogp-osu-1', role: 'reviewer' } as const;
const LMB = { id: 'smg-lmb-1', role: 'reviewer' } as const;
const member = SEMARANG_MEMBER_ID;
const planId = SEMARANG_PLAN_ID;
const OGP_PAGE = 'https://www.opengovpartnership.org/members/semarang-indonesia/';

/** Three dates to evaluate obligations at: before submission, mid-implementation, after the plan ended. */
export const SEMARANG_AS_OF_DATES = ['2021-07-15', '2022-06-30', '2024-03-31'] as const;

const at = (date: string, time = '03:00:00'): string => `${date}T${time}Z`;
const fact = (date: string, actor: DemoStep['actor'], command: DomainCommand, note: string, time?: string): DemoStep => ({ at: at(date, time), actor, command, illustrative: false, note });
const made = (date: string, actor: DemoStep['actor'], command: DomainCommand, time?: string): DemoStep => ({ at: at(date, time), actor, command, illustrative: true });
const c = (n: number): string => `${planId}-c${n}`;
const ev = (url: string, title: string): Evidence => ({ url, title, sha256: null });

function claim(date: string, n: number, m: number, completion: ClaimedCompletion, asOf: string, narrative: string, evidence: Evidence[], version = 1): DemoStep {
  const milestoneId = `${c(n)}-m${m}`;
  return made(date, ADMIN, { type: 'ReportProgress', data: { commitmentId: c(n), claimId: `${milestoneId}-p1`, milestoneId, completion, asOf, narrative, evidence } }, version === 1 ? undefined : '04:00:00');
}

function review(date: string, reviewer: DemoStep['actor'], type: 'VerifyClaim' | 'DisputeClaim', n: number, m: number, version: number, reason: string): DemoStep {
  return made(date, reviewer, { type, data: { commitmentId: c(n), claimId: `${c(n)}-m${m}-p1`, version, reason } });
}

function forum(date: string): DemoStep {
  return made(date, ADMIN, {
    type: 'RecordForumMeeting',
    data: { memberId: member, meetingId: `semarang-forum-${date}`, heldOn: date, participants: { government: ['Bappeda Kota Semarang', 'Diskominfo Kota Semarang'], civilSociety: ['PATTIRO Semarang', 'Transparency International Indonesia'] }, minutesUrl: null },
  });
}

function website(date: string, summary: string): DemoStep {
  return made(date, ADMIN, { type: 'UpdatePublicInformation', data: { memberId: member, url: OGP_PAGE, updatedOn: date, summary } });
}

function endAssessment(date: string, n: number, completion: 'Complete' | 'Substantial' | 'Limited', values: Partial<Record<OgpValue, DidItOpenGovernmentOrNa>>): DemoStep {
  const didItOpenGovernment: Record<OgpValue, DidItOpenGovernmentOrNa> = {
    'Access to Information': 'Not Applicable', 'Civic Participation': 'Not Applicable', 'Public Accountability': 'Not Applicable',
    'Technology and Innovation for Transparency and Accountability': 'Not Applicable', ...values,
  };
  return made(date, OSU, { type: 'AssessEndOfCommitment', data: { commitmentId: c(n), assessedOn: date, completion, didItOpenGovernment, evidence: [ev(`https://www.opengovpartnership.org/documents/semarang-end-of-commitment-${n}/`, 'End-of-commitment report (illustrative link)')] } });
}

const setup: DemoStep[] = [
  fact('2021-03-01', ADMIN, { type: 'RegisterMember', data: { memberId: member, name: 'Kota Semarang', country: 'ID', cohort: 2020, partners: ['Transparency International Indonesia (TII)', 'PATTIRO Semarang'], timeZone: 'Asia/Jakarta' } }, 'OGP Local member since the 2020 cohort; the date it is recorded here is illustrative'),
  website('2021-03-15', 'Member page lists the forum and the co-creation timeline'),
  forum('2021-04-20'),
  fact('2021-06-01', ADMIN, { type: 'DraftActionPlan', data: { planId, memberId: member, title: 'Semarang OGP Local Action Plan 2021-2023', periodStart: '2021-08', periodEnd: '2023-12' } }, 'Plan period August 2021 to December 2023 (public); drafting date illustrative'),
  ...SEMARANG_COMMITMENTS.map((p, i): DemoStep => fact('2021-06-02', ADMIN, { type: 'AddCommitment', data: { ...p.terms, planId } }, `${p.terms.ogpId} from OGP's commitment page. Uncertain: ${p.uncertain}`, `0${3 + i}:00:00`)),
  ...Object.entries(SEMARANG_MILESTONES).flatMap(([commitmentId, list], i) =>
    list.map(([suffix, title, startDate, dueDate], j) => made('2021-06-03', ADMIN, { type: 'AddMilestone', data: { commitmentId, milestoneId: `${commitmentId}-${suffix}`, title, startDate, dueDate } }, `0${3 + i}:0${j}:00`)),
  ),
  website('2021-07-05', 'Draft action plan published for comment'),
  forum('2021-07-12'),
];

const submission: DemoStep[] = [
  made('2021-07-26', ADMIN, { type: 'EndorseActionPlan', data: { planId, endorsedOn: '2021-07-26', endorsedBy: ['PATTIRO Semarang', 'Transparency International Indonesia (TII)'], statementUrl: null } }),
  fact('2021-07-30', ADMIN, { type: 'SubmitActionPlan', data: { planId, submittedOn: '2021-07-30' } }, 'Submitted 30 July 2021 (public)'),
  fact('2021-08-02', ADMIN, { type: 'StartImplementation', data: { planId, startedOn: '2021-08-01' } }, 'Implementation from August 2021 (public)'),
  made('2021-09-20', OSU, { type: 'RecordInceptionAssessment', data: { planId, assessedOn: '2021-09-20', reportUrl: 'https://www.opengovpartnership.org/documents/semarang-inception-assessment/', summary: 'Commitments are relevant and mostly verifiable (illustrative)' } }),
  ...[1, 2, 3, 4, 5].map((n) =>
    made('2021-10-05', OSU, {
      type: 'AssessDesign',
      data: {
        commitmentId: c(n), assessedOn: '2021-10-05', verifiability: 'Verifiable', potentialForResults: n === 1 || n === 3 ? 'Substantial' : 'Modest',
        relevance: Object.fromEntries(['Access to Information', 'Civic Participation', 'Public Accountability', 'Technology and Innovation for Transparency and Accountability'].map((v) => [v, SEMARANG_COMMITMENTS[n - 1]!.terms.values.includes(v as OgpValue) ? 'Relevant' : 'Not Relevant'])) as Record<OgpValue, 'Relevant' | 'Not Relevant'>,
      },
    }, `0${n}:00:00`),
  ),
  forum('2021-10-20'),
  website('2021-11-01', 'Progress of the first quarter published'),
];

const year2022: DemoStep[] = [
  claim('2021-12-20', 4, 1, 'Complete', '2021-12-15', 'Siaga Corona shows cases and vaccination per kelurahan.', [ev('https://siagacorona.semarangkota.go.id/', 'Siaga Corona portal')]),
  claim('2022-01-10', 1, 1, 'Complete', '2022-01-05', 'The mayor regulation on Satu Data is issued.', [ev('https://jdih.semarangkota.go.id/', 'Mayor regulation on Satu Data (draft copy)')]),
  review('2022-01-25', LMB, 'VerifyClaim', 4, 1, 1, 'Data per kelurahan checked on the portal.'),
  made('2022-02-10', ADMIN, { type: 'ReviseCommitment', data: { commitmentId: c(1), changes: { action: 'Set common data standards across city agencies, train agency data stewards and publish priority datasets on one open data portal.' }, reason: 'The forum of 20 October 2021 asked for training of agency data stewards.' } }),
  made('2022-02-20', ADMIN, { type: 'RescheduleMilestone', data: { commitmentId: c(5), milestoneId: `${c(5)}-m1`, startDate: '2021-08-01', dueDate: '2022-05-31', reason: 'The service standard waits for the new mayor regulation on public complaints.' } }),
  website('2022-02-25', 'Inception assessment and design assessments published'),
  review('2022-02-28', LMB, 'DisputeClaim', 1, 1, 1, 'The linked document is a draft; the signed regulation is not published.'),
  claim('2022-03-07', 1, 1, 'Complete', '2022-03-01', 'The signed regulation is now published.', [ev('https://jdih.semarangkota.go.id/', 'Mayor regulation on Satu Data (signed)')], 2),
  forum('2022-03-10'),
  review('2022-03-20', OSU, 'VerifyClaim', 1, 1, 2, 'Signed regulation found in the legal documentation network.'),
  claim('2022-04-08', 3, 1, 'Complete', '2022-04-01', 'Gulo Asem is open to SME vendors.', [ev('https://guloasem.semarangkota.go.id/', 'Gulo Asem marketplace')]),
  made('2022-04-20', LMB, { type: 'RequestEvidence', data: { commitmentId: c(3), claimId: `${c(3)}-m1-p1`, version: 1, request: 'Please add the registration guide and the number of SMEs registered.' } }),
  claim('2022-05-10', 3, 1, 'Complete', '2022-05-05', 'Registration guide published; SMEs registered as vendors.', [ev('https://guloasem.semarangkota.go.id/', 'Gulo Asem marketplace'), ev('https://guloasem.semarangkota.go.id/panduan', 'SME registration guide')], 2),
  claim('2022-05-12', 2, 2, 'Limited', '2022-05-10', 'Forums held in some kecamatan only.', []),
  claim('2022-06-01', 5, 1, 'Substantial', '2022-05-31', 'Service standard drafted and consulted with the forum.', [ev('https://laporhendi.semarangkota.go.id/', 'Lapor Hendi')]),
  website('2022-06-20', 'Mid-term progress published'),
  claim('2022-07-05', 2, 1, 'Substantial', '2022-07-01', 'Guidelines adopted by Bappeda; dissemination ongoing.', [ev('https://bappeda.semarangkota.go.id/', 'Musrenbang guidelines')]),
  review('2022-07-15', OSU, 'VerifyClaim', 3, 1, 2, 'Guide and vendor figures checked.'),
  forum('2022-08-25'),
  made('2022-09-15', ADMIN, { type: 'WithdrawMilestone', data: { commitmentId: c(4), milestoneId: `${c(4)}-m2`, reason: 'The Covid-19 emergency ended; feedback is now taken through Lapor Hendi.' } }),
  claim('2022-09-28', 1, 2, 'Complete', '2022-09-27', 'Open data portal launched with 120 priority datasets.', [ev('https://data.semarangkota.go.id/', 'Semarang open data portal')]),
  endAssessment('2022-10-10', 4, 'Complete', { 'Access to Information': 'Marginal', 'Technology and Innovation for Transparency and Accountability': 'Marginal' }),
  review('2022-11-15', LMB, 'VerifyClaim', 1, 2, 1, 'Portal and datasets checked.'),
  website('2022-12-01', 'Second-year plan published'),
  claim('2022-12-20', 3, 2, 'Substantial', '2022-12-15', 'Three training rounds for SMEs held.', [ev('https://guloasem.semarangkota.go.id/', 'Training report')]),
];

const year2023: DemoStep[] = [
  forum('2023-02-15'),
  website('2023-03-01', 'Annual progress report published'),
  claim('2023-06-25', 1, 3, 'Complete', '2023-06-20', 'Four data clinics held with civil society.', [ev('https://data.semarangkota.go.id/', 'Data clinic reports')]),
  website('2023-06-30', 'Data clinic results published'),
  forum('2023-08-10'),
  review('2023-08-20', LMB, 'VerifyClaim', 1, 3, 1, 'Attendance lists and reports checked.'),
  website('2023-10-20', 'Final-year progress published'),
  claim('2023-12-20', 2, 3, 'Limited', '2023-12-15', 'Funding of proposals published for 2023 only.', []),
  claim('2023-12-22', 5, 2, 'Substantial', '2023-12-20', 'Resolution statistics published for three quarters.', [ev('https://laporhendi.semarangkota.go.id/', 'Lapor Hendi statistics')]),
  fact('2024-01-10', ADMIN, { type: 'EndActionPlan', data: { planId, endedOn: '2023-12-31' } }, 'The plan period ended in December 2023 (public); recording date illustrative'),
  claim('2024-01-20', 3, 3, 'Complete', '2024-01-15', 'Gulo Asem procurement data published as open data.', [ev('https://data.semarangkota.go.id/', 'Gulo Asem dataset')]),
  endAssessment('2024-01-25', 2, 'Substantial', { 'Civic Participation': 'Marginal', 'Public Accountability': 'Did not change' }),
  endAssessment('2024-01-28', 5, 'Substantial', { 'Public Accountability': 'Marginal', 'Civic Participation': 'Did not change' }),
  forum('2024-02-01'),
  endAssessment('2024-02-05', 3, 'Substantial', { 'Access to Information': 'Major', 'Public Accountability': 'Marginal', 'Technology and Innovation for Transparency and Accountability': 'Marginal' }),
];

/**
 * The Semarang demo script, in the order the steps are issued. Steps with `illustrative: false` carry public
 * facts (member, plan period and submission date, the five commitments); everything else (milestones, claims,
 * reviews, forum meetings, website updates, recording dates) is invented to exercise the model.
 */
export const SEMARANG_DEMO: readonly DemoStep[] = [...setup, ...submission, ...year2022, ...year2023];
