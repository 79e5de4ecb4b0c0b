// Concurrency: 50 clients race conflicting commands on one commitment, without and with If-Match; every answer is
// 2xx, 409 or 412, nothing acknowledged is missing, and the API's state equals a fold of the stored events.
import { rmSync } from 'node:fs';
import { commitmentDecider, type CommitmentEvent, type CommitmentState } from '@ogp/domain';
import { HttpClient, type Answer } from './support/http-client';
import { reportFigures } from './support/figures';
import { freePort, ServerProcess } from './support/server-process';
import { readStream, storedEventIds } from './support/store-check';
import { BODIES, makeDataDir, makeKeys, seedPlan, type Keys, type SeededPlan } from './support/world';

const CLIENTS = 50;
const ALLOWED = new Set([200, 201, 409, 412]);

describe('concurrency: conflicting writers on one commitment', () => {
  let dataDir: string;
  let server: ServerProcess;
  let http: HttpClient;
  let keys: Keys;
  let plan: SeededPlan;
  const answers: { request: string; answer: Answer }[] = [];
  const acknowledged: string[] = [];
  let lostUpdates = 0;

  beforeAll(async () => {
    dataDir = makeDataDir('concurrency');
    keys = await makeKeys(dataDir);
    server = new ServerProcess({ dataDir, port: await freePort(), env: { CHECKPOINT_INTERVAL_SECONDS: '86400' } });
    await server.start();
    http = new HttpClient(server.baseUrl, CLIENTS);
    plan = await seedPlan(http, keys.admin, 'semarang', 1);
  });

  afterAll(async () => {
    http?.close();
    await server?.stop('SIGKILL');
    reportFigures('concurrency', { conflictRequests: answers.length, lostUpdates });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** The i-th client's command: a new claim, a reschedule or a revision, all on the one commitment. */
  function command(i: number, round: string): { path: string; body: unknown } {
    const { commitmentId, milestoneId } = plan.commitments[0]!;
    switch (i % 3) {
      case 0:
        return { path: `/admin/commitments/${commitmentId}/claims`, body: BODIES.claim(milestoneId, `${round} claim by client ${i}`) };
      case 1:
        return { path: `/admin/commitments/${commitmentId}/milestones/${milestoneId}/rescheduling`, body: BODIES.reschedule(dueDate(i, round)) };
      default:
        return { path: `/admin/commitments/${commitmentId}/revisions`, body: BODIES.revision(`${round} title by client ${i}`) };
    }
  }

  /** A due date no other command of the run names, so that no reschedule is a no-change refusal. */
  function dueDate(i: number, round: string): string {
    const day = new Date(Date.UTC(2022, 0, 1) + (i + (round === 'free' ? 0 : round === 'guarded' ? 100 : 200)) * 86_400_000);
    return day.toISOString().slice(0, 10);
  }

  async function send(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const answer = await http.request('POST', path, { key: keys.admin, body, headers });
    answers.push({ request: `POST ${path} ${JSON.stringify(headers)} ${JSON.stringify(body)}`, answer });
    if (answer.status >= 200 && answer.status < 300) acknowledged.push(...(answer.json as { eventIds: string[] }).eventIds);
    return answer;
  }

  it('answers 50 writers without If-Match with 2xx or 409', async () => {
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => command(i, 'free')).map((c) => send(c.path, c.body)));
  });

  it('answers 50 writers with If-Match (read, write, re-read on 412) with 2xx or 412, and lets someone win', async () => {
    const { commitmentId } = plan.commitments[0]!;
    const writer = async (i: number): Promise<number> => {
      const c = command(i, 'guarded');
      let wins = 0;
      for (let attempt = 0; attempt < 3; attempt++) {
        const read = await http.request('GET', `/audit/commitments/${commitmentId}`, { key: keys.admin });
        const etag = read.headers.etag;
        if (read.status !== 200 || typeof etag !== 'string') throw new Error(`GET commitment answered ${read.status} ${read.text}`);
        const answer = await send(c.path, c.body, { 'If-Match': etag });
        if (answer.status === 201) {
          wins++;
          break;
        }
      }
      return wins;
    };
    const wins = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => writer(i)));
    // A stale revision from the start of time must always be refused.
    const stale = command(0, 'stale');
    expect((await send(stale.path, stale.body, { 'If-Match': '"0"' })).status).toBe(412);
    expect(wins.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('gave every answer a status in {2xx, 409, 412}', () => {
    const off = answers.filter((a) => !ALLOWED.has(a.answer.status)).map((a) => `${a.request} -> ${a.answer.status} ${a.answer.text}`);
    expect(off).toEqual([]);
  });

  it('stored every acknowledged update, and the API state equals a fold of the stored events', async () => {
    const stored = storedEventIds(dataDir);
    const missing = acknowledged.filter((id) => !stored.has(id));
    lostUpdates = missing.length;
    expect(missing).toEqual([]);

    const { commitmentId } = plan.commitments[0]!;
    // Wait for the read models to reflect the last write, then stop the server so the store can be read directly.
    const api = await readEntity(http, keys.auditor, commitmentId, stored.size);
    await server.stop('SIGTERM');

    const events = await readStream(dataDir, `commitment-${commitmentId}`);
    let state: CommitmentState = commitmentDecider.initialState();
    for (const e of events) state = commitmentDecider.evolve(state, { type: e.type, data: e.data } as unknown as CommitmentEvent);
    expect(api.revision).toBe(String(events.at(-1)!.revision));
    expect(api.state).toEqual(JSON.parse(JSON.stringify(state)));
  });
});

/** The commitment as the audit route returns it once the read models reach position `events` (SQLite: the count). */
async function readEntity(http: HttpClient, key: string, commitmentId: string, events: number): Promise<{ revision: string; state: unknown }> {
  const answer = await http.request('GET', `/audit/commitments/${commitmentId}?waitFor=${events}`, { key });
  if (answer.status !== 200) throw new Error(`GET /audit/commitments/${commitmentId} answered ${answer.status} ${answer.text}`);
  const data = (answer.json as { data: { revision: string | number; state: unknown } }).data;
  return { revision: String(data.revision), state: data.state };
}
