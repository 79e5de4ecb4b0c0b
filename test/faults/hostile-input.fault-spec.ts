// Hostile input: 10,000 generated requests against the command routes and some reads; no 5xx, no event written by a
// refused request, and the server healthy afterwards.
import { rmSync } from 'node:fs';
import { validateHeaderValue } from 'node:http';
import fc from 'fast-check';
import { HttpClient, pooled, type Answer } from './support/http-client';
import { reportFigures } from './support/figures';
import { hostileRequests, type CommandTarget, type HostileRequest } from './support/hostile-requests';
import { COMMAND_BODIES, fillPath, type RouteIds } from './support/routes';
import { freePort, ServerProcess } from './support/server-process';
import { countEvents } from './support/store-check';
import { BODIES, expectCreated, makeDataDir, makeKeys, seedPlan, type Keys } from './support/world';

const REQUESTS = Number(process.env.FAULTS_HOSTILE_REQUESTS ?? 10_000);
const CONCURRENCY = 20;
const BODY_LIMIT = 1_048_576;

const READS = [
  '/audit/commitments/:id',
  '/audit/plans/:id',
  '/audit/members/:id',
  '/audit/commitments/:id/history',
  '/audit/commitments/:id/progress',
  '/audit/members/:id/compliance',
  '/audit/events',
  '/audit/diff',
  '/audit/claims',
  '/audit/read-models/:id/checksum',
  '/public/plans',
];

describe('hostile input', () => {
  const seed = Number(process.env.FAULTS_SEED ?? 20211);
  let dataDir: string;
  let server: ServerProcess;
  let http: HttpClient;
  let keys: Keys;
  let ids: RouteIds;
  let sent = 0;
  /** Oversize requests whose connection the server closed before the client finished sending (after its 413). */
  let cutOff = 0;
  const serverErrors: string[] = [];
  let strayEvents = 0;

  beforeAll(async () => {
    dataDir = makeDataDir('hostile');
    keys = await makeKeys(dataDir);
    server = new ServerProcess({
      dataDir,
      port: await freePort(),
      // No scheduled checkpoints: every event written during the run must come from an acknowledged request.
      env: { CHECKPOINT_INTERVAL_SECONDS: '86400', BODY_LIMIT_BYTES: String(BODY_LIMIT) },
    });
    await server.start();
    http = new HttpClient(server.baseUrl, CONCURRENCY);
    const plan = await seedPlan(http, keys.admin, 'semarang', 2);
    const { commitmentId, milestoneId } = plan.commitments[0]!;
    const seeded = await expectCreated(http.request('POST', `/admin/commitments/${commitmentId}/claims`, { key: keys.admin, body: BODIES.claim(milestoneId, 'seed claim') }), 'seed claim');
    ids = { memberId: plan.memberId, planId: plan.planId, commitmentId, milestoneId, claimId: seeded.ids.claimId!, unique: 'seed' };
  });

  afterAll(async () => {
    http?.close();
    await server?.stop('SIGKILL');
    reportFigures('hostile-input', { hostileRequests: sent, fiveXX: serverErrors.length, strayEvents });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(`answers ${REQUESTS} hostile requests without a 5xx and writes only what it acknowledged`, async () => {
    const commands: CommandTarget[] = Object.entries(COMMAND_BODIES).map(([route, body]) => {
      const template = route.slice('POST '.length);
      const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const own = Object.fromEntries(names.map((name) => [name, ids[name as keyof RouteIds]]));
      return {
        ids: own,
        body: body(ids),
        path: (values) => template.replace(/\{([^}]+)\}/g, (_m, name: string) => values[name] ?? fillPath(`{${name}}`, ids)),
      };
    });
    // Requests node's own client would refuse to send (characters it rejects in a path or header) are skipped
    // before sending, so that all REQUESTS reach the server.
    const generated = fc
      .sample(
        hostileRequests({ commands, reads: READS, adminKey: keys.admin, reviewerKey: keys.reviewer, auditorKey: keys.auditor, bodyLimit: BODY_LIMIT }),
        { numRuns: Math.ceil(REQUESTS * 1.1), seed },
      )
      .filter(sendable)
      .slice(0, REQUESTS);
    expect(generated).toHaveLength(REQUESTS);

    const before = countEvents(dataDir);
    let acceptedEvents = 0;
    await pooled(generated, CONCURRENCY, async (request: HostileRequest) => {
      let answer: Answer;
      try {
        answer = await http.request(request.method, request.path, { headers: request.headers, body: request.body, timeoutMs: 20_000 });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        sent++;
        // A body over the limit may be cut off by the server's early 413 before the client finished writing it.
        if (Buffer.byteLength(request.body ?? '') > BODY_LIMIT && /EPIPE|ECONNRESET/.test(message)) {
          cutOff++;
          return;
        }
        serverErrors.push(`${summary(request)} -> connection error ${message}`);
        return;
      }
      sent++;
      if (answer.status >= 500) serverErrors.push(`${summary(request)} -> ${answer.status} ${answer.text.slice(0, 300)}`);
      if (request.method === 'POST' && answer.status >= 200 && answer.status < 300) {
        acceptedEvents += ((answer.json as { eventIds?: unknown[] } | undefined)?.eventIds ?? []).length;
      }
    });
    const after = countEvents(dataDir);
    strayEvents = after - before - acceptedEvents;

    expect(sent).toBe(REQUESTS);
    expect(cutOff).toBeLessThan(REQUESTS / 100);
    const byKind = new Map<string, number>();
    for (const e of serverErrors) byKind.set(e.slice(1, e.indexOf(']')), (byKind.get(e.slice(1, e.indexOf(']'))) ?? 0) + 1);
    const serverSaid = serverErrors.length === 0 ? [] : distinctErrors(server.errors);
    expect({ byKind: Object.fromEntries(byKind), first: firstOfEachKind(serverErrors), serverSaid }).toEqual({ byKind: {}, first: [], serverSaid: [] });
    expect(strayEvents).toBe(0);
  });

  it('is healthy afterwards: ready, and a valid command is accepted', async () => {
    expect((await http.request('GET', '/health/ready')).status).toBe(200);
    // A new member: the hostile run may have withdrawn or ended the seeded entities with valid-enough requests.
    await expectCreated(http.request('POST', '/admin/members', { key: keys.admin, body: BODIES.member('after-the-storm') }), 'register after');
  });
});

/** True when node's HTTP client accepts the path and every header value (else it throws before sending). */
function sendable(request: HostileRequest): boolean {
  if (/[^\u0021-\u00ff]/.test(request.path)) return false;
  return Object.entries(request.headers).every(([name, value]) => {
    if (value === undefined) return true;
    try {
      for (const one of Array.isArray(value) ? value : [String(value)]) validateHeaderValue(name, one);
      return true;
    } catch {
      return false;
    }
  });
}

/** The distinct error types and messages in the server's JSON log (its stderr tail). */
function distinctErrors(log: string): string[] {
  const found = new Set<string>();
  for (const m of log.matchAll(/"err":\{"type":"([^"]+)","message":"([^"]{0,200})/g)) found.add(`${m[1]}: ${m[2]}`);
  return [...found];
}

/** The first failing request of each kind, cut to a readable length. */
function firstOfEachKind(errors: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const e of errors) if (!seen.has(e.slice(0, e.indexOf(']')))) seen.set(e.slice(0, e.indexOf(']')), e.slice(0, 1_500));
  return [...seen.values()];
}

function summary(request: HostileRequest): string {
  const body = request.body === undefined ? '' : ` body(${request.body.length}) ${JSON.stringify(request.body.slice(0, 200))}`;
  const headers = JSON.stringify({ ...request.headers, authorization: request.headers.authorization === undefined ? undefined : '<key>' });
  return `[${request.kind}] ${request.method} ${request.path.slice(0, 200)} ${headers}${body}`;
}
