// Semarang's 2021-2023 OGP Local commitments (IDSMG0001-0005) as OGP's public pages describe them, with doubts marked.
import type { AddCommitment } from '../commitment/commands';

export const SEMARANG_MEMBER_ID = 'semarang';
export const SEMARANG_PLAN_ID = 'semarang-2021';

type Terms = Omit<AddCommitment['data'], 'planId' | 'reason'>;

export interface PublicCommitment {
  readonly terms: Terms;
  /** What in the terms is reconstructed from memory of OGP's pages rather than checked against them. */
  readonly uncertain: string;
}

const DISKOMINFO = 'Dinas Komunikasi, Informatika, Statistik dan Persandian (Diskominfo) Kota Semarang';
const BAPPEDA = 'Badan Perencanaan Pembangunan Daerah (Bappeda) Kota Semarang';
const TII = 'Transparency International Indonesia (TII)';
const PATTIRO = 'PATTIRO Semarang';
const period = { startMonth: '2021-08', endMonth: '2023-12' } as const;

export const SEMARANG_COMMITMENTS: readonly PublicCommitment[] = [
  {
    terms: {
      commitmentId: 'semarang-2021-c1', ogpId: 'IDSMG0001', title: 'Semarang Satu Data (One Data Semarang)',
      problem: 'City data are scattered across agencies, inconsistent and hard for residents to find and reuse.',
      statusQuo: 'Agencies publish their own data in different formats; there is no common standard or single portal.',
      action: 'Set common data standards across city agencies and publish priority datasets on one open data portal.',
      objective: 'Residents, civil society and agencies find consistent, reusable city data in one place.',
      values: ['Access to Information', 'Technology and Innovation for Transparency and Accountability'],
      leadInstitution: DISKOMINFO, supportingInstitutions: { government: [BAPPEDA], civilSociety: [PATTIRO] }, policyArea: 'Open data', ...period,
    },
    uncertain: 'Wording of problem/status quo/action paraphrased; civil society partner assumed.',
  },
  {
    terms: {
      commitmentId: 'semarang-2021-c2', ogpId: 'IDSMG0002', title: 'Inclusion of vulnerable groups in Musrenbang',
      problem: 'Women, children, persons with disabilities and the elderly are rarely heard in the development planning deliberations (Musrenbang).',
      statusQuo: 'Musrenbang is attended mostly by neighbourhood officials; proposals from vulnerable groups seldom reach the budget.',
      action: 'Hold vulnerable-group forums before each Musrenbang round and track how their proposals are funded.',
      objective: 'Proposals of vulnerable groups are heard in Musrenbang and their fate is public.',
      values: ['Civic Participation', 'Public Accountability'],
      leadInstitution: BAPPEDA, supportingInstitutions: { government: [], civilSociety: [PATTIRO] }, policyArea: 'Inclusion; participatory planning', ...period,
    },
    uncertain: 'Partner list and OGP values assumed.',
  },
  {
    terms: {
      commitmentId: 'semarang-2021-c3', ogpId: 'IDSMG0003', title: 'SME participation in public procurement through Gulo Asem',
      problem: 'Small and medium enterprises (SMEs) win few city contracts and procurement data are hard to follow.',
      statusQuo: 'Direct purchases are made offline; SMEs lack access and the public lacks data on who supplies the city.',
      action: 'Open the Gulo Asem e-marketplace to local SMEs, train them, and publish its procurement data.',
      objective: 'More SMEs supply the city and the public can follow small-value procurement.',
      values: ['Access to Information', 'Public Accountability', 'Technology and Innovation for Transparency and Accountability'],
      leadInstitution: 'Bagian Pengadaan Barang/Jasa, Sekretariat Daerah Kota Semarang',
      supportingInstitutions: { government: ['Dinas Koperasi dan Usaha Mikro Kota Semarang'], civilSociety: [TII] }, policyArea: 'Open contracting; public procurement', ...period,
    },
    uncertain: 'Exact name of the procurement unit and the supporting agency assumed.',
  },
  {
    terms: {
      commitmentId: 'semarang-2021-c4', ogpId: 'IDSMG0004', title: 'Covid-19 information on Siaga Corona',
      problem: 'Residents lacked timely, local information on Covid-19 cases, testing and vaccination.',
      statusQuo: 'Figures were published city-wide only and not in a reusable form.',
      action: 'Publish case, testing and vaccination data per kelurahan on the Siaga Corona portal.',
      objective: 'Residents can see the situation in their own neighbourhood and act on it.',
      values: ['Access to Information', 'Technology and Innovation for Transparency and Accountability'],
      leadInstitution: 'Dinas Kesehatan Kota Semarang', supportingInstitutions: { government: [DISKOMINFO], civilSociety: [] }, policyArea: 'Public health (Covid-19)', ...period,
    },
    uncertain: 'Supporting institutions assumed.',
  },
  {
    terms: {
      commitmentId: 'semarang-2021-c5', ogpId: 'IDSMG0005', title: 'Public complaints through Lapor Hendi',
      problem: 'Complaints about public services are not followed up consistently and their outcome is not public.',
      statusQuo: 'Lapor Hendi receives complaints, but resolution times and results are not published.',
      action: 'Adopt a complaint-handling service standard and publish resolution statistics for Lapor Hendi.',
      objective: 'Residents see that complaints are resolved, and how fast.',
      values: ['Public Accountability', 'Civic Participation'],
      leadInstitution: DISKOMINFO, supportingInstitutions: { government: ['Inspektorat Kota Semarang'], civilSociety: [TII] }, policyArea: 'Public service delivery; complaints', ...period,
    },
    uncertain: 'Lead institution and partners assumed.',
  },
];

/** Illustrative milestones (invented for the demo): id suffix, title, start, due. */
export const SEMARANG_MILESTONES: Readonly<Record<string, readonly [string, string, string, string][]>> = {
  'semarang-2021-c1': [
    ['m1', 'Mayor regulation on Satu Data Semarang issued', '2021-08-01', '2021-12-31'],
    ['m2', 'Open data portal launched with priority datasets', '2022-01-01', '2022-09-30'],
    ['m3', 'Data clinics held with civil society', '2022-06-01', '2023-06-30'],
  ],
  'semarang-2021-c2': [
    ['m1', 'Guidelines for vulnerable-group participation in Musrenbang', '2021-08-01', '2022-01-31'],
    ['m2', 'Vulnerable-group forums held before Musrenbang', '2022-01-01', '2022-04-30'],
    ['m3', 'Funding of vulnerable-group proposals published', '2022-05-01', '2023-12-31'],
  ],
  'semarang-2021-c3': [
    ['m1', 'Gulo Asem opened to SME vendors with a registration guide', '2021-08-01', '2022-03-31'],
    ['m2', 'SMEs trained on e-procurement through Gulo Asem', '2022-01-01', '2022-12-31'],
    ['m3', 'Gulo Asem procurement data published in open format', '2022-06-01', '2023-12-31'],
  ],
  'semarang-2021-c4': [
    ['m1', 'Siaga Corona shows case and vaccination data per kelurahan', '2021-08-01', '2021-12-31'],
    ['m2', 'Public feedback channel on Siaga Corona', '2022-01-01', '2022-06-30'],
  ],
  'semarang-2021-c5': [
    ['m1', 'Complaint-handling service standard published', '2021-08-01', '2022-02-28'],
    ['m2', 'Quarterly complaint resolution statistics published', '2022-03-01', '2023-12-31'],
  ],
};
