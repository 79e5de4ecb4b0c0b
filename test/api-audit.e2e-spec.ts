// The audit and public read API over the Semarang scenario: state, history, as-of, diff, progress, compliance,
// checksums and exports, checked against the domain's own pure computations.
import type { Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { evaluate, planProgress, runScript, SEMARANG_AS_OF_DATES, SEMARANG_DEMO, type Commitment } from '@ogp/domain';
import { parsePosition, type Position } from '@ogp/event-store';
import { parseExport, verifyExport } from '@ogp/ledger';
import { KEY_STORE, ReadModels, type KeyStore } from '@ogp/tracker';
import { ReadModelTimeoutError } from '@ogp/projections';
import { SEMARANG } from './semarang-requests';
import request from 'supertest';
import { startSeededApi, type SeededApi } from './seeded-api.fixtures';

const script = SEMARANG_DEMO.map((step) => ({ ...step, at: new Date(step.at).toISOString() }));
const expected = runScript(script);

async function* linesOf(text: string): AsyncGenerator<string> {
  for (const line of text.split('\n')) if (line !== '') yield line;
}

describe('audit and public API (e2e, Semarang)', () => {
  let seeded: SeededApi;
  let app: NestFastifyApplication;
  let http: Server;
  let auditor: string;
  let head: string;
  const auth = () => ({ Authorization: `Bearer ${auditor}` });

  beforeAll(async () => {
    seeded = await startSeededApi(script);
    ({ app, http, auditor, head } = seeded);
  });

  afterAll(() => seeded.close());

  it('answers 503 not-ready with Retry-After when the read models do not reach a waited-for position in time', async () => {
    // A position the log holds, which the read models (held back here) do not reach in time.
    const runner = (app.get(ReadModels) as unknown as { runner: { waitFor: (p: Position, ms: number) => Promise<Position> } }).runner;
    const wanted = parsePosition(head);
    const held = jest.spyOn(runner, 'waitFor').mockRejectedValueOnce(new ReadModelTimeoutError(wanted, null, 5000));
    try {
      // Not the URL beforeAll read: had the read models reached the head before that read, the read cache would
      // answer this one without waiting (rightly). Compliance answers are never cached.
      const res = await request(http).get(`/audit/members/semarang/compliance?waitFor=${head}`).set(auth());
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['retry-after']).toBe('1');
      expect(res.body.detail).toMatch(/did not reach position/);
    } finally {
      held.mockRestore();
    }
  });

  it('answers 404 read.position-beyond-log at once for a waited-for position the log has not reached', async () => {
    const res = await request(http).get('/audit/members/semarang?waitFor=999999999/999999999').set(auth());
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'read.position-beyond-log', title: 'The log has not reached this position', detail: expect.stringContaining('there is no position 999999999/999999999 yet') });
  });

  it.each(['/audit/members/semarang?waitFor=5/6', '/audit/events?waitFor=6/5', '/audit/read-models/entity-state/checksum?position=5/6'])(
    'answers 400 for a position with unequal halves, which this store never writes (%s)',
    async (url) => {
      const res = await request(http).get(url).set(auth());
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'bad-request', detail: expect.stringContaining('positions of this store are N/N') });
    },
  );

  it('answers a plan’s current state with its stream revision as ETag and the position it reflects', async () => {
    const res = await request(http).get('/audit/plans/semarang-2021').set(auth());
    expect(res.status).toBe(200);
    expect(res.body.position).toBe(head);
    expect(res.body.data.state).toEqual(expected.states.plans['semarang-2021']);
    expect(res.headers.etag).toBe(`"${res.body.data.revision}"`);
  });

  it('answers state as of an instant: unknown before the plan was drafted, Draft in between', async () => {
    const drafted = expected.history.find((e) => e.type === 'ActionPlanDrafted')!;
    const before = new Date(Date.parse(drafted.recordedAt) - 1).toISOString();
    const notYet = await request(http).get(`/audit/plans/semarang-2021?asOf=${before}`).set(auth());
    expect(notYet.status).toBe(404);
    expect(notYet.body.code).toBe('read.entity-not-found');
    const then = await request(http).get(`/audit/plans/semarang-2021?asOf=${drafted.recordedAt}`).set(auth());
    expect(then.status).toBe(200);
    expect(then.body.data.state.status).toBe('Draft');
  });

  it('lists an entity’s history with actor, role, reason, recordedAt, effective date and hash', async () => {
    const res = await request(http).get('/audit/commitments/semarang-2021-c1/history').set(auth());
    expect(res.status).toBe(200);
    const mine = expected.history.filter((e) => e.stream === 'commitment-semarang-2021-c1');
    expect(res.body.data.map((e: { type: string }) => e.type)).toEqual(mine.map((e) => e.type));
    for (const entry of res.body.data) {
      expect(entry).toMatchObject({ actorId: expect.any(String), actorRole: expect.stringMatching(/admin|reviewer/), recordedAt: expect.any(String) });
      expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    // The ETag is the stream revision, the one the entity read gives (If-Match on a command takes it back).
    const state = await request(http).get('/audit/commitments/semarang-2021-c1').set(auth());
    expect(res.headers.etag).toBe(`"${mine.length - 1}"`);
    expect(res.headers.etag).toBe(state.headers.etag);
  });

  it('gives a history page the stream revision as of the read as ETag, and 404 before the entity existed', async () => {
    const mine = expected.history.filter((e) => e.stream === 'commitment-semarang-2021-c1');
    // A first page still names the stream's last revision: the ETag is the entity's, not the page's.
    const page = await request(http).get('/audit/commitments/semarang-2021-c1/history?limit=1').set(auth());
    expect(page.body.data).toHaveLength(1);
    expect(page.headers.etag).toBe(`"${mine.length - 1}"`);
    // `next` pages through the rest (nothing lost at page edges), and is null after the last page.
    const revisions: number[] = [];
    for (let from: number | null = 0; from !== null; ) {
      const res: request.Response = await request(http).get(`/audit/commitments/semarang-2021-c1/history?limit=2&fromRevision=${from}`).set(auth());
      revisions.push(...res.body.data.map((e: { revision: number }) => e.revision));
      from = res.body.next;
    }
    expect(revisions).toEqual(mine.map((_, i) => i));
    // As of the third event's instant, the revision then.
    const then = await request(http).get(`/audit/commitments/semarang-2021-c1/history?asOf=${mine[2]!.recordedAt}`).set(auth());
    const known = mine.filter((e) => e.recordedAt <= mine[2]!.recordedAt);
    expect(then.body.data).toHaveLength(known.length);
    expect(then.headers.etag).toBe(`"${known.length - 1}"`);
    const before = new Date(Date.parse(mine[0]!.recordedAt) - 1).toISOString();
    const notYet = await request(http).get(`/audit/commitments/semarang-2021-c1/history?asOf=${before}&fromRevision=1`).set(auth());
    expect(notYet.status).toBe(404);
    expect(notYet.body.code).toBe('read.entity-not-found');
  });

  it('pages the global feed in recording order', async () => {
    const first = await request(http).get('/audit/events?limit=10').set(auth());
    expect(first.body.data.entries).toHaveLength(10);
    const second = await request(http).get(`/audit/events?limit=10&after=${first.body.data.next}`).set(auth());
    expect(second.body.data.entries[0].eventId).not.toBe(first.body.data.entries[9].eventId);
    expect(first.body.data.entries.map((e: { type: string }) => e.type)).toEqual(expected.history.slice(0, 10).map((e) => e.type));
  });

  it('reports progress equal to the domain’s roll-up over the same states', async () => {
    const res = await request(http).get('/audit/plans/semarang-2021/progress').set(auth());
    const commitments = Object.values(expected.states.commitments).filter((c): c is Commitment => c !== null);
    expect(res.body.data.progress.ratio).toBeCloseTo(planProgress(commitments).ratio, 10);
    expect(res.body.data.progress.level).toBe(planProgress(commitments).level);
    // As of a date, the answer names the instant it reflects, as compliance does: the end of Semarang's day (UTC+7).
    const then = await request(http).get('/audit/plans/semarang-2021/progress?asOf=2022-06-30').set(auth());
    expect(then.body.data.asOf).toBe('2022-06-30T16:59:59.999Z');
    const commitment = await request(http).get('/audit/commitments/semarang-2021-c1/progress?asOf=2022-06-30T12:00:00%2B07:00').set(auth());
    expect(commitment.body.data).toMatchObject({ commitmentId: 'semarang-2021-c1', asOf: '2022-06-30T05:00:00.000Z' });
    expect((await request(http).get('/audit/commitments/semarang-2021-c1/progress').set(auth())).body.data.asOf).toBeNull();
  });

  it('answers compliance before the member was registered with 404, as every read of the past', async () => {
    const res = await request(http).get('/audit/members/semarang/compliance?asOf=2020-01-01').set(auth());
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('read.entity-not-found');
  });

  it('refuses compliance as of a later day than today in the member\'s zone (400), and of an unknown plan (404)', async () => {
    // The clock reads 2024-04-01T00:00Z: 07:00 on 1 April in Semarang (UTC+7), where 2 April has not begun.
    for (const asOf of ['2024-04-02', '9999-12-31', '2024-04-01T00:00:00.001Z', '2030-01-01T00:00:00%2B07:00']) {
      const res = await request(http).get(`/audit/members/semarang/compliance?asOf=${asOf}`).set(auth());
      expect([asOf, res.status, res.body.code]).toEqual([asOf, 400, 'bad-request']);
      // Now as the member's clock shows it, whichever check refused it (a date before evaluating, an instant after).
      expect(res.body.detail).toContain("later than now (2024-04-01 07:00:00 Asia/Jakarta, the member's time zone)");
    }
    for (const asOf of ['2024-04-01', '2024-04-01T00:00:00Z']) expect((await request(http).get(`/audit/members/semarang/compliance?asOf=${asOf}`).set(auth())).status).toBe(200);
    for (const planId of ['nosuch', 'semarang-2021x']) {
      const res = await request(http).get(`/audit/members/semarang/compliance?planId=${planId}`).set(auth());
      expect([planId, res.status, res.body.code]).toEqual([planId, 404, 'read.entity-not-found']);
    }
    // Before the plan was drafted, there was no such plan either.
    expect((await request(http).get('/audit/members/semarang/compliance?planId=semarang-2021&asOf=2021-05-01').set(auth())).status).toBe(404);
    expect((await request(http).get('/audit/members/semarang/compliance?planId=semarang-2021&asOf=2022-05-01').set(auth())).status).toBe(200);
  });

  it.each(SEMARANG_AS_OF_DATES)('evaluates compliance as of %s exactly as the domain does, citing events', async (date) => {
    const res = await request(http).get(`/audit/members/semarang/compliance?asOf=${date}`).set(auth());
    expect(res.status).toBe(200);
    const asOf = `${date}T23:59:59.999Z`;
    const history = expected.history.filter((e) => e.recordedAt <= asOf);
    const statuses = (rs: readonly { obligation: string; planId: string | null; status: string }[]) =>
      rs.map((r) => `${r.obligation}/${r.planId ?? '-'}=${r.status}`).sort();
    expect(statuses(res.body.data.results)).toEqual(statuses(evaluate(history, date)));
  });

  it('diffs two instants: which entities changed, by whom', async () => {
    const res = await request(http).get('/audit/diff?from=2022-01-01T00:00:00Z&to=2022-12-31T23:59:59Z').set(auth());
    expect(res.status).toBe(200);
    const inRange = expected.history.filter((e) => e.recordedAt > '2022-01-01T00:00:00.000Z' && e.recordedAt <= '2022-12-31T23:59:59.000Z');
    expect(res.body.data.eventCount).toBe(inRange.length);
    expect(res.body.data.actors.length).toBeGreaterThan(0);
    const reversed = await request(http).get('/audit/diff?from=2023-01-01T00:00:00Z&to=2022-01-01T00:00:00Z').set(auth());
    expect(reversed.status).toBe(400);
  });

  it("diffs whole days: UTC's, or the member's (Asia/Jakarta) when the diff names a member or the key is scoped to one", async () => {
    const registered = expected.history.find((e) => e.type === 'MemberRegistered')!;
    const day = registered.recordedAt.slice(0, 10);
    const previous = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const within = (from: string, to: string) => expected.history.filter((e) => e.recordedAt > from && e.recordedAt <= to).length;
    const utc = await request(http).get(`/audit/diff?from=${day}&to=${day}`).set(auth());
    expect(utc.body.data).toMatchObject({ from: `${previous}T23:59:59.999Z`, to: `${day}T23:59:59.999Z` });
    const jakarta = { from: `${previous}T16:59:59.999Z`, to: `${day}T16:59:59.999Z` };
    const member = await request(http).get(`/audit/diff?from=${day}&to=${day}&memberId=semarang`).set(auth());
    expect(member.body.data).toMatchObject(jakarta);
    expect(member.body.data.eventCount).toBe(within(jakarta.from, jakarta.to));
    expect(member.body.data.entities.map((e: { stream: string }) => e.stream)).toContain('member-semarang');
    const scoped = (await app.get<KeyStore>(KEY_STORE).create({ role: 'admin', name: 'Semarang diff', member: 'semarang' })).key;
    expect((await request(http).get(`/audit/diff?from=${day}&to=${day}`).set({ Authorization: `Bearer ${scoped}` })).body.data).toMatchObject(jakarta);
    // A date as `to` ends with its day, after any instant of that day as `from`; dates in the wrong order are a 400.
    expect((await request(http).get(`/audit/diff?from=${day}T12:00:00Z&to=${day}`).set(auth())).status).toBe(200);
    const reversed = await request(http).get(`/audit/diff?from=${day}&to=${previous}&memberId=semarang`).set(auth());
    expect([reversed.status, reversed.body.code]).toEqual([400, 'validation-failed']);
  });

  it('gives the live checksum equal to a rebuild up to the same position', async () => {
    const live = await request(http).get('/audit/read-models/entity-state/checksum').set(auth());
    const rebuilt = await request(http).get(`/audit/read-models/entity-state/checksum?position=${head}`).set(auth());
    expect(live.body.data.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(rebuilt.body.data.sha256).toBe(live.body.data.sha256);
    const earlier = await request(http).get('/audit/read-models/entity-state/checksum?position=5/5').set(auth());
    expect(earlier.body.data.sha256).not.toBe(live.body.data.sha256);
    // A plain decimal position is answered in the usual form, top level and data alike.
    const decimal = await request(http).get('/audit/read-models/entity-state/checksum?position=5').set(auth());
    expect(decimal.body).toMatchObject({ position: '5/5', data: { position: '5/5', sha256: earlier.body.data.sha256 } });
    // A position the log has not reached is not answered with the head's checksum.
    const beyond = await request(http).get('/audit/read-models/entity-state/checksum?position=99999999').set(auth());
    expect(beyond.status).toBe(404);
    expect(beyond.body).toMatchObject({ code: 'read.position-beyond-log', detail: expect.stringContaining('there is no position 99999999/99999999 yet') });
  });

  it('keeps checksums at a past position (a rebuild) for auditors', async () => {
    const admin = (await app.get<KeyStore>(KEY_STORE).create({ role: 'admin', name: 'secretariat' })).key;
    const res = await request(http).get(`/audit/read-models/entity-state/checksum?position=${head}`).set({ Authorization: `Bearer ${admin}` });
    expect(res.status).toBe(403);
    expect((await request(http).get('/audit/read-models/entity-state/checksum').set({ Authorization: `Bearer ${admin}` })).status).toBe(200);
  });

  it('exports events as NDJSON that the offline verifier accepts', async () => {
    const res = await request(http).get('/audit/export?kind=events').set(auth()).buffer(true).parse((r, cb) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString('utf8')));
      r.on('end', () => cb(null, text));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/x-ndjson/);
    const report = await verifyExport(parseExport(linesOf(res.body as string)));
    expect(report.ok).toBe(true);
    expect(report.events).toBe(expected.history.length);
  });

  it('answers an export of a member it does not know (a typo) with 404, not an empty file', async () => {
    for (const kind of ['commitments', 'events']) {
      const res = await request(http).get(`/audit/export?kind=${kind}&member=semarnag`).set(auth());
      expect({ kind, status: res.status, code: res.body.code }).toEqual({ kind, status: 404, code: 'not-found' });
    }
  });

  it('exports commitments as CSV with OGP’s field names', async () => {
    const res = await request(http).get('/audit/export?kind=commitments&format=csv&member=semarang').set(auth()).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes = res.body as Buffer;
    // The UTF-8 byte order mark first, or Excel on Windows reads the en dash of "2021-08 – 2023-12" as "â€“".
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(header).toMatch(/^Commitment ID,Title,.*,Primary Policy Area,.*,Completion,Reported Progress,Action Plan Status,Ledger ID,Member,Member ID,Active Milestones,Milestones Verified,Milestones Disputed,Milestones Awaiting Review$/);
    expect(rows).toHaveLength(Object.keys(expected.states.commitments).length);
    // One plan: its rows by OGP id.
    expect(rows.map((row) => row.slice(0, row.indexOf(',')))).toEqual(['IDSMG0001', 'IDSMG0002', 'IDSMG0003', 'IDSMG0004', 'IDSMG0005']);
    // IDSMG0001: every milestone claimed Complete and verified, not assessed. IDSMG0002: progress Limited, assessed
    // Substantial, its three milestones' claims awaiting review. Then the member, and the milestones by review status.
    expect(rows[0]).toMatch(/,,Complete,Ended,semarang-2021-c1,Kota Semarang,semarang,3,3,0,0$/);
    expect(rows[1]).toMatch(/,Substantial,Limited,Ended,semarang-2021-c2,Kota Semarang,semarang,3,0,0,3$/);
  });

  it('serves published plans to anyone, and the audit API only with a key', async () => {
    const pub = await request(http).get('/public/plans');
    expect(pub.status).toBe(200);
    expect(pub.body.data.map((p: { plan: { entityId: string } }) => p.plan.entityId)).toEqual(['semarang-2021']);
    expect((await request(http).get('/audit/plans/semarang-2021')).status).toBe(401);
  });

  it('documents each id in a read path with an example of its own kind', async () => {
    const docs = (await request(http).get('/docs-json')).body as { paths: Record<string, { get: { parameters: { name: string; example?: string; schema?: { example?: string } }[] } }> };
    const idExample = (path: string) => {
      const id = docs.paths[path]!.get.parameters.find((p) => p.name === 'id')!;
      return id.example ?? id.schema?.example;
    };
    expect(idExample('/audit/members/{id}/compliance')).toBe('semarang');
    expect(idExample('/audit/plans/{id}/progress')).toBe('semarang-2021');
    expect(idExample('/audit/commitments/{id}/progress')).toBe('semarang-2021-c1');
    // A compliance date is a day of the member's, other reads' a UTC day.
    const asOf = (path: string) => (docs.paths[path]!.get.parameters as { name: string; description?: string }[]).find((p) => p.name === 'asOf')!.description;
    expect(asOf('/audit/members/{id}/compliance')).toContain("the end of that day in the member's time zone");
    expect(asOf('/audit/plans/{id}/progress')).toContain('the end of that day in the time zone of the member read, or of the member of the plan or commitment read');
  });

  it('rejects malformed reads with 400 problems', async () => {
    for (const path of ['/audit/plans/Bad_Id', '/audit/widgets/x', '/audit/plans/semarang-2021?asOf=yesterday', '/audit/plans/semarang-2021?asOf=2022-03-01T10:00:00', '/audit/events?limit=0', '/audit/read-models/nope/checksum']) {
      const res = await request(http).get(path).set(auth());
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('tells a client whose offset lost its + (a bare + in a URL is a space) to write %2B', async () => {
    const res = await request(http).get('/audit/plans/semarang-2021?asOf=2022-03-01T08:00:00+07:00').set(auth());
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toContain('%2B');
  });

  it('takes numbers in decimal digits only: 0x10, 1e1, 3.0 and " 5" are not numbers here', async () => {
    const numbers = ['/audit/events?limit=%s', '/audit/events?after=%s', '/audit/claims?limit=%s', '/audit/plans/semarang-2021/history?fromRevision=%s', '/audit/plans/semarang-2021/history?limit=%s', '/ledger/proofs/consistency?from=%s&to=20', '/ledger/checkpoints/%s'];
    for (const path of numbers) {
      for (const bad of ['0x10', '1e1', '3.0', '%205', '+5', '05']) {
        const res = await request(http).get(path.replace('%s', bad)).set(auth());
        expect({ path, bad, status: res.status }).toEqual({ path, bad, status: 400 });
      }
      const good = await request(http).get(path.replace('%s', '5')).set(auth());
      expect({ path, status: good.status === 400 }).toEqual({ path, status: false });
    }
  });

  describe('a key scoped to one member', () => {
    const as = (key: string) => ({ Authorization: `Bearer ${key}` });
    let own: string;
    let other: string;
    beforeAll(async () => {
      const keys = app.get<KeyStore>(KEY_STORE);
      own = (await keys.create({ role: 'admin', name: 'Semarang secretariat', member: 'semarang' })).key;
      other = (await keys.create({ role: 'admin', name: 'Bojonegoro secretariat', member: 'bojonegoro' })).key;
    });

    it('reads its own member’s entities, history, progress and compliance', async () => {
      for (const path of ['/audit/plans/semarang-2021', '/audit/plans/semarang-2021/history', '/audit/plans/semarang-2021/progress', '/audit/members/semarang/compliance']) {
        expect({ path, status: (await request(http).get(path).set(as(own))).status }).toEqual({ path, status: 200 });
      }
    });

    it('reads the entity it has just created, waiting for its own write before its scope is checked', async () => {
      for (let i = 0; i < 10; i++) {
        // One plan at a time: each gets a month of its own, after the demo plan's period.
        const month = `2024-${String(i + 1).padStart(2, '0')}`;
        const created = await request(http).post('/admin/members/semarang/plans').set(as(own)).send({ title: `Plan ${i}`, periodStart: month, periodEnd: month });
        expect(created.status).toBe(201);
        const planId = (created.body.stream as string).slice('plan-'.length);
        for (const path of [`/audit/plans/${planId}`, `/audit/plans/${planId}/history`, `/audit/plans/${planId}/progress`]) {
          const res = await request(http).get(`${path}?waitFor=${created.body.position}`).set(as(own));
          expect({ path, status: res.status }).toEqual({ path, status: 200 });
        }
      }
    });

    it('exports its member’s events with an entity it has just created', async () => {
      for (let i = 0; i < 5; i++) {
        const month = `2025-${String(i + 1).padStart(2, '0')}`;
        const created = await request(http).post('/admin/members/semarang/plans').set(as(own)).send({ title: `Export plan ${i}`, periodStart: month, periodEnd: month });
        expect(created.status).toBe(201);
        const exported = await request(http).get('/audit/export?kind=events').set(as(own));
        expect(exported.status).toBe(200);
        expect(exported.text).toContain(`"stream":"${created.body.stream}"`);
        // Commitments too: the commitment added a moment ago is in the export.
        const planId = created.body.stream.slice('plan-'.length) as string;
        const added = await request(http).post(`/admin/plans/${planId}/commitments`).set(as(own)).send({ ...SEMARANG.commitment(1), startMonth: month, endMonth: month, title: `Export commitment ${i}` });
        expect(added.status).toBe(201);
        const commitments = await request(http).get('/audit/export?kind=commitments&format=ndjson').set(as(own));
        expect(commitments.text).toContain(`"Ledger ID":"${added.body.ids.commitmentId}"`);
      }
    });

    it('gets 404 for another member’s entities, as if they did not exist', async () => {
      expect((await request(http).get('/audit/commitments/semarang-2021-c1').set(as(own))).status).toBe(200);
      const paths = [
        '/audit/members/semarang',
        '/audit/plans/semarang-2021',
        '/audit/plans/semarang-2021/history',
        '/audit/plans/semarang-2021/progress',
        '/audit/members/semarang/compliance',
        '/audit/commitments/semarang-2021-c1',
        '/audit/commitments/semarang-2021-c1/progress',
      ];
      for (const path of paths) {
        const res = await request(http).get(path).set(as(other));
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
    });

    it('gets 403 for reads that span every member or name another member, and only its own slice otherwise', async () => {
      expect((await request(http).get('/audit/events').set(as(own))).status).toBe(403);
      expect((await request(http).get('/audit/read-models/entity-state/checksum').set(as(own))).status).toBe(403);
      // Naming another member is refused with the code a command on another member gets.
      for (const path of ['/audit/export?kind=commitments&format=csv&member=semarang', '/audit/diff?from=2020-01-01&to=2024-12-31&memberId=semarang']) {
        const named = await request(http).get(path).set(as(other));
        expect({ path, status: named.status, code: named.body.code }).toEqual({ path, status: 403, code: 'access.outside-member-scope' });
      }
      const csv = await request(http).get('/audit/export?kind=commitments&format=csv').set(as(other));
      expect(csv.status).toBe(200);
      expect(csv.text.trim().split('\n')).toHaveLength(1); // the header: no Semarang commitment
      const diff = await request(http).get('/audit/diff?from=2020-01-01T00:00:00Z&to=2024-12-31T23:59:59Z').set(as(other));
      expect(diff.status).toBe(200);
      expect(diff.body.data.entities).toEqual([]);
    });
  });

  describe('the claims list (GET /audit/claims)', () => {
    interface Listed {
      commitmentId: string;
      claimId: string;
      version: number;
      memberId: string;
      planId: string;
      status: string;
      effectiveAt: string;
      state: unknown;
    }
    const as = (key: string) => ({ Authorization: `Bearer ${key}` });
    const key = (c: { commitmentId: string; claimId: string }) => `${c.commitmentId}/${c.claimId}`;
    const get = (query: string, headers = auth()) => request(http).get(`/audit/claims${query}`).set(headers);
    /** Every claim of the demo as the domain holds it, in the list's order (effective date, commitment, claim). */
    const domainClaims = Object.values(expected.states.commitments)
      .filter((c): c is Commitment => c !== null)
      .flatMap((c) => c.claims.map((k) => ({ commitmentId: c.commitmentId, memberId: c.memberId, planId: c.planId, claim: k })))
      .sort((a, b) => a.claim.asOf.localeCompare(b.claim.asOf) || a.commitmentId.localeCompare(b.commitmentId) || a.claim.claimId.localeCompare(b.claim.claimId));
    const all = domainClaims.map((c) => `${c.commitmentId}/${c.claim.claimId}`);
    const where = (keep: (c: (typeof domainClaims)[number]) => boolean) => domainClaims.filter(keep).map((c) => `${c.commitmentId}/${c.claim.claimId}`);

    /** Follows `next` to the end: every page at most `limit` long, the claims of all pages in order. */
    async function pageThrough(query: string, limit: number, headers = auth()): Promise<string[]> {
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages <= all.length + 1; pages++) {
        const res: request.Response = await get(`?${query}${query ? '&' : ''}limit=${limit}${after === null ? '' : `&after=${after}`}`, headers);
        expect(res.status).toBe(200);
        const claims = res.body.data.claims as Listed[];
        expect(claims.length).toBeLessThanOrEqual(limit);
        seen.push(...claims.map(key));
        after = res.body.data.next;
        if (after === null) return seen;
        expect(claims).toHaveLength(limit);
      }
      throw new Error('the pages do not end');
    }

    it('lists every current claim as the domain holds it, with its version and state, in effective-date order', async () => {
      expect(domainClaims.length).toBeGreaterThan(5);
      const res = await get('');
      expect(res.status).toBe(200);
      // The plans the scoped keys created above moved the position on, not the claims.
      expect(res.body.position).toMatch(/^\d+\/\d+$/);
      expect(res.body.data.next).toBeNull();
      const claims = res.body.data.claims as Listed[];
      expect(claims.map(key)).toEqual(all);
      for (const [i, c] of domainClaims.entries()) {
        expect(claims[i]).toEqual({
          commitmentId: c.commitmentId,
          claimId: c.claim.claimId,
          version: c.claim.version,
          milestoneId: c.claim.milestoneId,
          memberId: c.memberId,
          planId: c.planId,
          completion: c.claim.completion,
          status: c.claim.review.status,
          effectiveAt: c.claim.asOf,
          // Named, dated and given a review deadline as test/api-claims.e2e-spec.ts checks in detail.
          milestone: expect.objectContaining({ title: expect.any(String) }),
          commitment: expect.objectContaining({ title: expect.any(String) }),
          recordedAt: expect.any(String),
          reviewDueBy: c.claim.completion === 'Complete' && c.claim.review.status === 'Submitted' ? expect.any(String) : null,
          state: c.claim,
        });
      }
      // Amended claims are listed at their current version.
      expect(claims.some((c) => c.version > 1)).toBe(true);
    });

    it('filters by member, plan, commitment, review status and effective date', async () => {
      const statuses = new Set(domainClaims.map((c) => c.claim.review.status));
      expect(statuses.size).toBeGreaterThan(1);
      const cases: [string, string[]][] = [
        ['memberId=semarang', all],
        ['memberId=bojonegoro', []],
        ['planId=semarang-2021', all],
        ['commitmentId=semarang-2021-c3', where((c) => c.commitmentId === 'semarang-2021-c3')],
        ...[...statuses].map((status): [string, string[]] => [`status=${status}`, where((c) => c.claim.review.status === status)]),
        ['status=Disputed', where((c) => c.claim.review.status === 'Disputed')],
        ['status=Evidence%20Requested', where((c) => c.claim.review.status === 'Evidence Requested')],
        ['effectiveFrom=2022-05-05', where((c) => c.claim.asOf >= '2022-05-05')],
        ['effectiveTo=2022-05-05', where((c) => c.claim.asOf <= '2022-05-05')],
        ['effectiveFrom=2022-05-05&effectiveTo=2022-12-15', where((c) => c.claim.asOf >= '2022-05-05' && c.claim.asOf <= '2022-12-15')],
        ['effectiveFrom=2022-05-05&effectiveTo=2022-05-05', where((c) => c.claim.asOf === '2022-05-05')],
        ['status=Submitted&planId=semarang-2021&effectiveTo=2022-12-31', where((c) => c.claim.review.status === 'Submitted' && c.claim.asOf <= '2022-12-31')],
      ];
      for (const [query, expectedClaims] of cases) {
        const res = await get(`?${query}`);
        expect({ query, status: res.status, claims: (res.body.data.claims as Listed[]).map(key) }).toEqual({ query, status: 200, claims: expectedClaims });
      }
      // A filter that keeps some, and one that keeps none, so the cases above mean something.
      expect(where((c) => c.claim.asOf >= '2022-05-05' && c.claim.asOf <= '2022-12-15').length).toBeGreaterThan(1);
      expect((await get('?status=Evidence+Requested')).status).toBe(200);
    });

    it('pages to the end with no claim missed or repeated, and next null after the last page', async () => {
      for (const limit of [1, 2, 5, all.length - 1, all.length, 1000]) {
        expect({ limit, claims: await pageThrough('', limit) }).toEqual({ limit, claims: all });
      }
      const submitted = where((c) => c.claim.review.status === 'Submitted');
      expect(submitted.length).toBeGreaterThan(2);
      expect(await pageThrough('status=Submitted&memberId=semarang', 2)).toEqual(submitted);
      // A page of exactly the rest: its next is null, not a cursor to an empty page.
      const first = await get(`?limit=${all.length - 1}`);
      const last = await get(`?limit=1&after=${first.body.data.next}`);
      expect(last.body.data).toMatchObject({ claims: [expect.objectContaining({ claimId: domainClaims.at(-1)!.claim.claimId })], next: null });
    });

    it('answers malformed queries with 400 problems', async () => {
      const bad = [
        'limit=0x5', 'limit=1e1', 'limit=0', 'limit=1001', 'limit=-1', 'limit=%205', 'limit=2.0',
        'status=bogus', 'status=submitted', 'status=',
        'effectiveFrom=2022-13-01', 'effectiveFrom=2022-02-30', 'effectiveTo=2022-6-30', 'effectiveTo=2022-06-30T00:00:00Z', 'effectiveFrom=yesterday',
        'effectiveFrom=2022-07-01&effectiveTo=2022-06-30',
        'after=not%20a%20cursor', 'after=abc', `after=${Buffer.from('["2022-01-01","x"]').toString('base64url')}`,
        `after=${Buffer.from('["recordedAt",null,"x","y"]').toString('base64url')}`, 'sort=bogus',
        'memberId=Semarang', 'planId=Bad_Id', 'commitmentId=semarang--c1',
        'waitFor=soon', 'asOf=2022-06-30', 'unknown=1',
      ];
      for (const query of bad) {
        const res = await get(`?${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        // Each refusal names the parameter at fault.
        expect({ query, named: JSON.stringify(res.body.errors ?? res.body.detail).includes(query.split('=')[0]!) }).toEqual({ query, named: true });
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      const cursor = await get('?limit=1');
      expect((await get('?after=' + cursor.body.data.next + 'A')).status).toBe(400);
    });

    it('is documented with its parameters, and takes no asOf', async () => {
      const docs = (await request(http).get('/docs-json')).body as { paths: Record<string, { get: { parameters: { name: string; description?: string }[] } }> };
      const names = docs.paths['/audit/claims']!.get.parameters.map((p) => p.name).sort();
      expect(names).toEqual(['after', 'commitmentId', 'effectiveFrom', 'effectiveTo', 'limit', 'memberId', 'planId', 'sort', 'status', 'waitFor']);
      expect(docs.paths['/audit/claims']!.get.parameters.every((p) => p.description !== undefined)).toBe(true);
    });

    it('confines a key scoped to a member to that member’s claims, and refuses it another member’s', async () => {
      const keys = app.get<KeyStore>(KEY_STORE);
      const own = (await keys.create({ role: 'admin', name: 'Semarang claims', member: 'semarang' })).key;
      const other = (await keys.create({ role: 'admin', name: 'Bojonegoro claims', member: 'bojonegoro' })).key;
      expect(await pageThrough('', 4, as(own))).toEqual(all);
      expect(((await get('?memberId=semarang', as(own))).body.data.claims as Listed[]).map(key)).toEqual(all);
      // Without memberId: its own member's, none of Semarang's; naming Semarang's plan or commitment finds nothing either.
      for (const query of ['', '?planId=semarang-2021', '?commitmentId=semarang-2021-c1', '?status=Submitted']) {
        const res = await get(query, as(other));
        expect({ query, status: res.status, claims: res.body.data.claims }).toEqual({ query, status: 200, claims: [] });
      }
      const named = await get('?memberId=semarang', as(other));
      expect([named.status, named.body.code]).toEqual([403, 'access.outside-member-scope']);
      expect(named.headers['content-type']).toMatch(/application\/problem\+json/);
      const theirs = await get('?memberId=bojonegoro', as(own));
      expect([theirs.status, theirs.body.code]).toEqual([403, 'access.outside-member-scope']);
    });

    it('serves reviewers and auditors, not a request without a key', async () => {
      const reviewer = (await app.get<KeyStore>(KEY_STORE).create({ role: 'reviewer', name: 'OSU' })).key;
      expect((await get('?status=Submitted', as(reviewer))).status).toBe(200);
      expect((await request(http).get('/audit/claims')).status).toBe(401);
      expect((await get('', as('ogp_nosuchkey'))).status).toBe(401);
    });

    it('drops a claim from the review queue once a reviewer verifies it (read after the review with waitFor)', async () => {
      const reviewer = (await app.get<KeyStore>(KEY_STORE).create({ role: 'reviewer', name: 'LMB' })).key;
      const queue = await get('?status=Submitted');
      const first = (queue.body.data.claims as Listed[])[0]!;
      const verified = await request(http)
        .post(`/review/commitments/${first.commitmentId}/claims/${first.claimId}/verification`)
        .set(as(reviewer))
        .send({ version: first.version, reason: 'Checked against the PPID report' });
      expect(verified.status).toBe(201);
      const after = await get(`?status=Submitted&waitFor=${verified.body.position}`);
      expect((after.body.data.claims as Listed[]).map(key)).toEqual((queue.body.data.claims as Listed[]).slice(1).map(key));
      const now = await get(`?commitmentId=${first.commitmentId}&status=Verified`);
      expect((now.body.data.claims as Listed[]).map(key)).toContain(key(first));
    });
  });

  describe("a member's plans (GET /audit/members/:id/plans)", () => {
    interface ListedPlan {
      planId: string;
      title: string;
      periodStart: string;
      periodEnd: string;
      status: string;
      commitments: { commitmentId: string; ogpId: string | null; title: string; status: string }[];
    }
    const as = (key: string) => ({ Authorization: `Bearer ${key}` });
    const get = (memberId: string, headers = auth(), query = '') => request(http).get(`/audit/members/${memberId}/plans${query}`).set(headers);

    it('lists each plan of the member with its period, status and commitments by OGP id, as the domain holds them', async () => {
      const res = await get('semarang');
      expect(res.status).toBe(200);
      expect(res.body.position).toMatch(/^\d+\/\d+$/);
      // A list spanning entities has no ETag, as the other lists.
      expect(res.headers.etag).toBeUndefined();
      const plans = res.body.data.plans as ListedPlan[];
      expect(res.body.data.memberId).toBe('semarang');
      const plan = expected.states.plans['semarang-2021']!;
      const commitments = Object.values(expected.states.commitments)
        .filter((c): c is Commitment => c !== null && c.planId === 'semarang-2021')
        .map((c) => ({ commitmentId: c.commitmentId, ogpId: c.terms.ogpId, title: c.terms.title, status: c.status }))
        .sort((a, b) => (a.ogpId ?? '').localeCompare(b.ogpId ?? ''));
      expect(commitments.length).toBeGreaterThan(1);
      expect(plans.find((p) => p.planId === 'semarang-2021')).toEqual({
        planId: 'semarang-2021',
        title: plan.title,
        periodStart: plan.periodStart,
        periodEnd: plan.periodEnd,
        status: plan.status,
        commitments,
      });
      // In the order of their periods (the scoped keys above drafted later plans of Semarang).
      const periods = plans.map((p) => p.periodStart);
      expect(periods).toEqual([...periods].sort());
      expect(plans.every((p) => p.commitments.every((c) => !('state' in c)))).toBe(true);
    });

    it('lists a plan its key has just drafted when read with waitFor, and answers 404 for a member that does not exist', async () => {
      const own = (await app.get<KeyStore>(KEY_STORE).create({ role: 'admin', name: 'Semarang plans', member: 'semarang' })).key;
      const drafted = await request(http).post('/admin/members/semarang/plans').set(as(own)).send({ title: 'Rencana Aksi 2026–2027', periodStart: '2026-01', periodEnd: '2027-12' });
      expect(drafted.status).toBe(201);
      const res = await get('semarang', as(own), `?waitFor=${drafted.body.position}`);
      expect(res.status).toBe(200);
      expect((res.body.data.plans as ListedPlan[]).at(-1)).toEqual({
        planId: drafted.body.ids.planId,
        title: 'Rencana Aksi 2026–2027',
        periodStart: '2026-01',
        periodEnd: '2027-12',
        status: 'Draft',
        commitments: [],
      });
      const unknown = await get('surabaya');
      expect([unknown.status, unknown.body.code]).toEqual([404, 'read.entity-not-found']);
    });

    it('answers 404 to a key scoped to another member, as the other reads of a member, and serves every reading role', async () => {
      const keys = app.get<KeyStore>(KEY_STORE);
      const other = (await keys.create({ role: 'admin', name: 'Bojonegoro plans', member: 'bojonegoro' })).key;
      const scoped = await get('semarang', as(other));
      expect([scoped.status, scoped.headers['content-type']]).toEqual([404, expect.stringContaining('application/problem+json')]);
      for (const role of ['reviewer', 'auditor', 'admin'] as const) {
        const key = (await keys.create({ role, name: `${role} plans` })).key;
        expect({ role, status: (await get('semarang', as(key))).status }).toEqual({ role, status: 200 });
      }
      expect((await request(http).get('/audit/members/semarang/plans')).status).toBe(401);
      expect((await get('Semarang_')).status).toBe(400);
      expect((await get('semarang', auth(), '?asOf=2022-06-30')).status).toBe(400);
    });

    it('is documented with an example answer', async () => {
      type Parameter = { name: string; example?: unknown; schema?: { example?: unknown } };
      type Response = { content?: Record<string, { example?: unknown }> };
      const docs = (await request(http).get('/docs-json')).body as { paths: Record<string, { get: { parameters: Parameter[]; responses: Record<string, Response> } }> };
      const operation = docs.paths['/audit/members/{id}/plans']!.get;
      expect(operation.parameters.map((p) => p.name).sort()).toEqual(['id', 'waitFor']);
      const id = operation.parameters.find((p) => p.name === 'id')!;
      expect(id.example ?? id.schema?.example).toBe('semarang');
      // Beside the answer's schema (a $ref, which takes no example of its own).
      const example = operation.responses['200']!.content!['application/json']!.example as { data: { plans: ListedPlan[] } };
      expect(example.data.plans[0]!.commitments[0]).toMatchObject({ ogpId: 'IDSMG0006' });
    });
  });
});
