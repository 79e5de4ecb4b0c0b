// Request bodies from the Semarang 2021-2023 plan, shared by the e2e and fault suites (no app imports here).
/** Valid bodies for the admin routes; `commitment(n)` has the OGP id IDSMG000n. */
export const SEMARANG = {
  member: { memberId: 'semarang', name: 'Kota Semarang', country: 'ID', cohort: 2020, partners: ['Transparency International Indonesia (TII)', 'PATTIRO Semarang'] },
  forum: (heldOn: string) => ({ heldOn, participants: { government: ['Bappeda Kota Semarang'], civilSociety: ['PATTIRO Semarang'] }, minutesUrl: null }),
  plan: { title: 'Semarang OGP Local Action Plan 2021-2023', periodStart: '2021-08', periodEnd: '2023-12' },
  commitment: (n: number, reason?: string) => ({
    ogpId: `IDSMG${String(n).padStart(4, '0')}`,
    title: `Commitment ${n}: public information services`,
    problem: 'Requests for public information are answered slowly',
    statusQuo: 'Each agency runs its own information desk',
    action: 'Adopt a common PPID service standard',
    objective: 'Citizens get public information on time',
    values: ['Access to Information', 'Public Accountability'],
    leadInstitution: 'Diskominfo Kota Semarang',
    supportingInstitutions: { government: ['Bappeda Kota Semarang'], civilSociety: ['PATTIRO Semarang'] },
    policyArea: 'Right to information',
    startMonth: '2021-08',
    endMonth: '2023-12',
    ...(reason === undefined ? {} : { reason }),
  }),
  milestone: { title: 'Publish the PPID service standard', startDate: '2021-09-01', dueDate: '2022-03-31' },
  evidence: { url: 'https://ppid.semarangkota.go.id/laporan-2022', title: 'PPID annual report 2022', sha256: 'a'.repeat(64) },
};
