// Crash: clients drive durable commands while the server is SIGKILLed at random moments and restarted; nothing
// acknowledged may be lost, the ledger must verify, and the live read models must equal a rebuild after catch-up.
import { rmSync } from 'node:fs';
import { HttpClient } from './support/http-client';
import { reportFigures } from './support/figures';
import { freePort, ServerProcess } from './support/server-process';
import { checkOffline, storedEventIds } from './support/store-check';
import { BODIES, makeDataDir, makeKeys, seedPlan, type Keys, type SeededPlan } from './support/world';

const KILLS = 20;
const CLIENTS = 8;

/** A small deterministic PRNG (mulberry32), so that a failing run can be repeated with FAULTS_SEED. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('crash: SIGKILL while clients write', () => {
  const seed = Number(process.env.FAULTS_SEED ?? Date.now() % 1_000_000);
  const rand = random(seed);
  let dataDir: string;
  let server: ServerProcess;
  let keys: Keys;
  let plan: SeededPlan;
  /** Event id -> the request and answer that acknowledged it. */
  const acknowledged = new Map<string, string>();
  let storedIds = new Set<string>();
  let kills = 0;

  beforeAll(async () => {
    dataDir = makeDataDir('crash');
    keys = await makeKeys(dataDir);
    // Frequent checkpoints, so that kills also land while the ledger signs (when the ledger log is wired).
    server = new ServerProcess({ dataDir, port: await freePort(), env: { CHECKPOINT_INTERVAL_SECONDS: '1' } });
    await server.start();
    const http = new HttpClient(server.baseUrl, 4);
    plan = await seedPlan(http, keys.admin, 'semarang', 4);
    http.close();
  });

  afterAll(async () => {
    await server?.stop('SIGKILL');
    const lost = [...acknowledged.keys()].filter((id) => !storedIds.has(id)).length;
    reportFigures('crash', { kills, acknowledged: acknowledged.size, lost });
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** One client: durable commands back to back until `stop`, remembering the event ids of every 201. */
  async function client(http: HttpClient, index: number, stop: { now: boolean }): Promise<void> {
    for (let n = 0; !stop.now; n++) {
      const { commitmentId, milestoneId } = plan.commitments[(index + n) % plan.commitments.length]!;
      const kind = n % 5;
      const [path, body] =
        kind === 4
          ? [`/admin/members/${plan.memberId}/forum-meetings`, BODIES.forum(`2022-${String((n % 12) + 1).padStart(2, '0')}-15`)]
          : [`/admin/commitments/${commitmentId}/claims`, BODIES.claim(milestoneId, `client ${index} claim ${n} (seed ${seed})`)];
      try {
        const answer = await http.request('POST', path, { key: keys.admin, body, timeoutMs: 10_000 });
        if (answer.status === 201) {
          for (const id of (answer.json as { eventIds: string[] }).eventIds) acknowledged.set(id, `${path} ${answer.text}`);
        } else if (answer.status >= 500) {
          throw new Error(`POST ${path} answered ${answer.status}: ${answer.text}`);
        }
      } catch (error) {
        // The connection died with the server: the command may or may not have been stored, and was not acknowledged.
        if (error instanceof Error && /answered/.test(error.message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  }

  it(`loses no acknowledged command over ${KILLS} kills; the ledger verifies and read models equal a rebuild`, async () => {
    for (let round = 1; round <= KILLS; round++) {
      const http = new HttpClient(server.baseUrl, CLIENTS);
      const stop = { now: false };
      const clients = Array.from({ length: CLIENTS }, (_, i) => client(http, i, stop));
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(rand() * 1_200)));
      await server.stop('SIGKILL');
      kills++;
      stop.now = true;
      await Promise.all(clients);
      http.close();

      storedIds = storedEventIds(dataDir);
      const lost = [...acknowledged.keys()].filter((id) => !storedIds.has(id));
      expect({ round, seed, lost: lost.map((id) => `${id} <- ${acknowledged.get(id)}`) }).toEqual({ round, seed, lost: [] });

      const offline = await checkOffline(dataDir);
      expect({ round, ledger: offline.ledger.failure }).toEqual({ round, ledger: null });
      expect(offline.ledger.ok).toBe(true);

      await server.start();
      const auditor = new HttpClient(server.baseUrl, 2);
      try {
        for (const rebuilt of offline.rebuilt) {
          const live = await liveChecksum(auditor, keys.auditor, rebuilt.readModel, offline.head);
          expect({ round, readModel: rebuilt.readModel, sha256: live }).toEqual({ round, readModel: rebuilt.readModel, sha256: rebuilt.sha256 });
        }
        // The ledger log took up its on-disk index (written until the kill) and caught up: the same tree.
        expect({ round, root: await liveRoot(auditor, offline.events) }).toEqual({ round, root: offline.root });
      } finally {
        auditor.close();
      }
    }
    expect(kills).toBe(KILLS);
    expect(acknowledged.size).toBeGreaterThan(KILLS * 10);
  });
});

/** The live ledger log's root at `size`, once it holds that many leaves. */
async function liveRoot(http: HttpClient, size: number): Promise<string> {
  const deadline = Date.now() + 20_000;
  let last = '';
  while (Date.now() < deadline) {
    const answer = await http.request('GET', `/ledger/proofs/consistency?from=${size}&to=${size}`, {});
    last = `${answer.status} ${answer.text}`;
    const root = (answer.json as { toRoot?: string } | undefined)?.toRoot;
    if (answer.status === 200 && typeof root === 'string') return root;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the ledger log did not reach ${size} leaves: last answer ${last}`);
}

/** The live read model's checksum once it has caught up to `head` (the server writes nothing new meanwhile). */
async function liveChecksum(http: HttpClient, key: string, readModel: string, head: string | null): Promise<string> {
  const deadline = Date.now() + 20_000;
  let last = '';
  while (Date.now() < deadline) {
    const answer = await http.request('GET', `/audit/read-models/${readModel}/checksum`, { key });
    last = `${answer.status} ${answer.text}`;
    const data = (answer.json as { data?: { position?: string | null; sha256?: string } } | undefined)?.data;
    if (answer.status === 200 && data?.position === head && typeof data.sha256 === 'string') return data.sha256;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${readModel} did not catch up to ${head}: last answer ${last}`);
}
