// The command routes with valid bodies, keyed by OpenAPI path template, and the ids that fill their parameters.
import { BODIES } from './world';

/** Valid bodies per "METHOD /path/{param}" (OpenAPI spelling); a POST route missing here fails the suites. */
export const COMMAND_BODIES: Readonly<Record<string, (ids: RouteIds) => Record<string, unknown>>> = {
  'POST /admin/members': (ids) => BODIES.member(`m-${ids.unique}`),
  'POST /ledger/checkpoints': () => ({}),
  'POST /admin/members/{memberId}/forum-meetings': () => BODIES.forum('2022-04-20'),
  'POST /admin/members/{memberId}/forum-meetings/{meetingId}/withdrawal': () => ({ reason: 'Recorded by mistake' }),
  'POST /admin/members/{memberId}/public-information': () => BODIES.publicInformation,
  'POST /admin/members/{memberId}/time-zone': (ids) => ({ timeZone: ['Asia/Jakarta', 'UTC'][Number.parseInt(ids.unique, 36) % 2], reason: 'Registered with the wrong zone' }),
  'POST /admin/members/{memberId}/plans': () => BODIES.plan,
  'POST /admin/plans/{planId}/endorsement': () => ({ endorsedOn: '2021-07-26', endorsedBy: ['PATTIRO Semarang'] }),
  'POST /admin/plans/{planId}/endorsement/correction': () => ({ endorsedOn: '2021-07-25', endorsedBy: ['PATTIRO Semarang'], reason: 'Mistyped date' }),
  'POST /admin/plans/{planId}/submission': () => ({ submittedOn: '2021-07-30' }),
  'POST /admin/plans/{planId}/implementation': () => ({ startedOn: '2021-08-01' }),
  'POST /admin/plans/{planId}/end': () => ({ endedOn: '2023-12-31' }),
  'POST /admin/plans/{planId}/abandonment': () => ({ reason: 'Drafted twice by mistake' }),
  'POST /admin/plans/{planId}/commitments': (ids) => BODIES.commitment(100 + (Number.parseInt(ids.unique, 36) % 9000), 'Added after the forum'),
  'POST /admin/commitments/{commitmentId}/revisions': (ids) => BODIES.revision(`Revised ${ids.unique}`),
  'POST /admin/commitments/{commitmentId}/withdrawal': () => ({ reason: 'Merged into another commitment' }),
  'POST /admin/commitments/{commitmentId}/milestones': () => BODIES.milestone(),
  'POST /admin/commitments/{commitmentId}/milestones/{milestoneId}/rescheduling': () => BODIES.reschedule('2022-05-31'),
  'POST /admin/commitments/{commitmentId}/milestones/{milestoneId}/withdrawal': () => ({ reason: 'No longer needed' }),
  'POST /admin/commitments/{commitmentId}/claims': (ids) => BODIES.claim(ids.milestoneId, `Progress ${ids.unique}`),
  'POST /review/commitments/{commitmentId}/claims/{claimId}/verification': () => BODIES.verdict(1),
  'POST /review/commitments/{commitmentId}/claims/{claimId}/dispute': () => BODIES.verdict(1),
  'POST /review/commitments/{commitmentId}/claims/{claimId}/evidence-requests': () => BODIES.evidenceRequest(1),
  'POST /review/commitments/{commitmentId}/design-assessment': () => BODIES.designAssessment,
  'POST /review/commitments/{commitmentId}/end-of-commitment-assessment': () => BODIES.endOfCommitment,
  'POST /review/plans/{planId}/inception-assessment': () => BODIES.inception,
};

export interface RouteIds {
  readonly memberId: string;
  readonly planId: string;
  readonly commitmentId: string;
  readonly milestoneId: string;
  readonly claimId: string;
  /** Different for every request, for bodies that must not repeat (a new member id). */
  readonly unique: string;
}

/** Values of the path parameters of the read routes. */
export function paramValue(name: string, ids: RouteIds): string | undefined {
  switch (name) {
    case 'memberId':
    case 'planId':
    case 'commitmentId':
    case 'milestoneId':
    case 'claimId':
      return ids[name];
    case 'collection':
      return 'commitments';
    case 'id':
      return ids.commitmentId;
    case 'name':
      return 'entity-state';
    case 'size':
      return '1';
    case 'eventId':
      // Any well-formed event id: an unknown one is a 404, which still shows the route let the caller in.
      return '00000000-0000-4000-8000-000000000000';
    case 'meetingId':
      // Likewise: a forum meeting the member does not have is a 404 behind the same access rules.
      return 'no-such-meeting';
    default:
      return undefined;
  }
}

/** "/admin/plans/{planId}/end" with ids filled in; throws on a parameter the suite does not know. */
export function fillPath(template: string, ids: RouteIds): string {
  return template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = paramValue(name, ids);
    if (value === undefined) throw new Error(`No value for path parameter {${name}} of ${template}: add it to test/faults/support/routes.ts`);
    return encodeURIComponent(value);
  });
}

/** Every operation the OpenAPI document lists, as [METHOD, template]. */
export function documentedRoutes(document: unknown): [string, string][] {
  const paths = (document as { paths?: Record<string, Record<string, unknown>> }).paths ?? {};
  return Object.entries(paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m): [string, string] => [m.toUpperCase(), path]),
  );
}
