// Authorization: every documented route x {no key, bad key, revoked key, admin, reviewer, auditor} answers as the
// table below says: 401, 403, or allowed (any answer but 401/403/5xx, with a valid body where the route takes one).
import { rmSync } from 'node:fs';
import { HttpClient } from './support/http-client';
import { reportFigures } from './support/figures';
import { COMMAND_BODIES, documentedRoutes, fillPath, type RouteIds } from './support/routes';
import { freePort, ServerProcess } from './support/server-process';
import { BODIES, expectCreated, makeDataDir, makeKeys, seedPlan, type Keys } from './support/world';

type Identity = 'none' | 'bad' | 'revoked' | 'admin' | 'reviewer' | 'auditor';
type Expected = 'allowed' | 401 | 403;

const IDENTITIES: readonly Identity[] = ['none', 'bad', 'revoked', 'admin', 'reviewer', 'auditor'];

/** Routes served but not in the OpenAPI document (excluded on purpose); checked all the same. */
const UNDOCUMENTED: readonly [string, string][] = [
  ['GET', '/metrics'],
  ['GET', '/docs-json'],
];

/** Exceptions to the rules, keyed "METHOD /template". */
const OVERRIDES: Readonly<Record<string, readonly Identity[] | 'public'>> = {
  // Signing a checkpoint on demand: the city's team or an auditor may ask for one.
  'POST /ledger/checkpoints': ['admin', 'auditor'],
  // A proof bundle carries the event's data, drafts included: any key, not the public.
  'GET /ledger/bundles/{eventId}': ['admin', 'reviewer', 'auditor'],
};

/** Who may call a route: 'public' (no key needed) or the roles allowed; null when no rule classifies it. */
function accessOf(method: string, template: string): readonly Identity[] | 'public' | null {
  const override = OVERRIDES[`${method} ${template}`];
  if (override !== undefined) return override;
  if (template.startsWith('/admin/')) return ['admin'];
  if (template.startsWith('/review/')) return ['reviewer'];
  if (template.startsWith('/audit/')) return ['admin', 'reviewer', 'auditor'];
  if (method === 'GET' && (template.startsWith('/public/') || template.startsWith('/health/') || template === '/metrics' || template === '/docs-json')) return 'public';
  if (method === 'GET' && (template === '/ledger' || template.startsWith('/ledger/'))) return 'public';
  return null;
}

function expectedStatus(access: readonly Identity[] | 'public', identity: Identity): Expected {
  if (access === 'public') return 'allowed';
  if (identity === 'none' || identity === 'bad' || identity === 'revoked') return 401;
  return access.includes(identity) ? 'allowed' : 403;
}

describe('authorization: every route x every kind of caller', () => {
  let dataDir: string;
  let server: ServerProcess;
  let http: HttpClient;
  let keys: Keys;
  let ids: Omit<RouteIds, 'unique'>;
  const mismatches: string[] = [];
  let checks = 0;

  beforeAll(async () => {
    dataDir = makeDataDir('authz');
    keys = await makeKeys(dataDir);
    server = new ServerProcess({ dataDir, port: await freePort(), env: { CHECKPOINT_INTERVAL_SECONDS: '86400' } });
    await server.start();
    http = new HttpClient(server.baseUrl, 10);
    const plan = await seedPlan(http, keys.admin, 'semarang', 2);
    const { commitmentId, milestoneId } = plan.commitments[0]!;
    const seeded = await expectCreated(http.request('POST', `/admin/commitments/${commitmentId}/claims`, { key: keys.admin, body: BODIES.claim(milestoneId, 'seed claim') }), 'seed claim');
    ids = { memberId: plan.memberId, planId: plan.planId, commitmentId, milestoneId, claimId: seeded.ids.claimId! };
  });

  afterAll(async () => {
    http?.close();
    await server?.stop('SIGKILL');
    reportFigures('authorization', { authzChecks: checks, authzMismatches: mismatches.length });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every (route, caller) pair as the table says', async () => {
    const docs = await http.request('GET', '/docs-json');
    expect(docs.status).toBe(200);
    const routes = [...documentedRoutes(docs.json), ...UNDOCUMENTED];
    const unclassified = routes.filter(([method, template]) => accessOf(method, template) === null).map(([m, t]) => `${m} ${t}`);
    expect(unclassified).toEqual([]);
    const withoutBody = routes.filter(([method, template]) => method !== 'GET' && COMMAND_BODIES[`${method} ${template}`] === undefined).map(([m, t]) => `${m} ${t}`);
    expect(withoutBody).toEqual([]);
    // The admin and review routes must be there: a server without them would pass the table vacuously.
    expect(routes.some(([m, t]) => m === 'POST' && t.startsWith('/admin/'))).toBe(true);
    expect(routes.some(([m, t]) => m === 'POST' && t.startsWith('/review/'))).toBe(true);

    const key: Record<Identity, string | undefined> = { none: undefined, bad: keys.bad, revoked: keys.revoked, admin: keys.admin, reviewer: keys.reviewer, auditor: keys.auditor };
    const cases = routes.flatMap(([method, template]) => IDENTITIES.map((identity) => ({ method, template, identity, expected: expectedStatus(accessOf(method, template)!, identity) })));
    // Refusals first, while the seeded entities are as seeded; then the allowed calls, which may change them.
    cases.sort((a, b) => Number(a.expected === 'allowed') - Number(b.expected === 'allowed'));
    const invalidBodies: string[] = [];
    let unique = 0;
    for (const c of cases) {
      const routeIds: RouteIds = { ...ids, unique: `${(unique++).toString(36)}x${Date.now().toString(36)}` };
      const path = fillPath(c.template, routeIds);
      const body = c.method === 'GET' ? undefined : COMMAND_BODIES[`${c.method} ${c.template}`]!(routeIds);
      const answer = await http.request(c.method, path, { key: key[c.identity], body });
      checks++;
      const ok = c.expected === 'allowed' ? answer.status !== 401 && answer.status !== 403 && answer.status < 500 : answer.status === c.expected;
      // An allowed command refused as invalid would mean the table tested validation, not access: the bodies must be valid.
      if (c.expected === 'allowed' && body !== undefined && answer.status === 400) invalidBodies.push(`${c.method} ${c.template}: ${answer.text.slice(0, 300)}`);
      if (!ok) mismatches.push(`${c.method} ${c.template} as ${c.identity}: expected ${c.expected}, got ${answer.status} ${answer.text.slice(0, 200)}`);
    }
    expect(mismatches).toEqual([]);
    expect(invalidBodies).toEqual([]);
    expect(checks).toBe(routes.length * IDENTITIES.length);
  });
});
