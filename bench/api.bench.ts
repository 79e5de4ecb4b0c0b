// The HTTP API under load: durable ReportProgress commands and entity reads through the whole platform, beside a
// raw Fastify hello-world and a raw durable insert (Fastify + SQLite group commit) from the same run. `npm run bench -- api [--seconds 10] [--warmup 3] [--connections 50]
// [--streams 10] [--profile commands.cpuprofile]` (the last writes a CPU profile of the measured commands)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import type { Result } from 'autocannon';
import Database from 'better-sqlite3';
import fastify from 'fastify';
import { KEY_STORE, type KeyStore } from '@ogp/tracker';
import { AdminModule } from '../apps/api/src/admin/admin.module';
import { createApp } from '../apps/api/src/app.factory';
import { ReviewModule } from '../apps/api/src/review/review.module';
import type { BenchArgs } from './run';

/**
 * The load generator runs autocannon in a child process, so that it has its own event loop (and core) instead of
 * sharing the server's. `claims` makes every request a new ReportProgress on the next seeded commitment.
 */
const LOAD_PROCESS = `
const autocannon = require('autocannon');
const { claims, ...options } = JSON.parse(process.env.OGP_LOAD);
if (claims) {
  let sent = 0;
  options.requests = [{ method: 'POST', setupRequest: (req) => {
    const t = claims[sent++ % claims.length];
    return { ...req, path: '/admin/commitments/' + t.commitmentId + '/claims',
      body: JSON.stringify({ milestoneId: t.milestoneId, completion: 'Limited', asOf: '2022-06-30', narrative: 'progress report ' + sent, evidence: [] }) };
  } }];
}
autocannon(options, (error, result) => process.send(error ? { error: String(error) } : { result }, () => process.exit(0)));
`;

interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly duration: number;
  readonly headers?: Record<string, string>;
  readonly claims?: readonly { commitmentId: string; milestoneId: string }[];
}

function load(options: LoadOptions): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', LOAD_PROCESS], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, OGP_LOAD: JSON.stringify(options) } });
    child.once('message', (message: { error?: string; result?: Result }) => (message.result ? resolve(message.result) : reject(new Error(message.error))));
    child.once('error', reject);
  });
}

/**
 * The load run for `warmup` seconds, unmeasured (V8 compiles the hot paths meanwhile, as it has in any server that
 * has run for a while), then for `options.duration` seconds, measured with the server's CPU time per request (this
 * process: the app or the raw Fastify), which the other core's load generator and any other jobs on the machine
 * disturb far less than requests per second. The warm-up's commands are real ones: their claims stay, so the
 * measured commands start on commitments that already hold a few hundred claims each.
 */
async function measured(options: LoadOptions, warmup: number, profile?: string): Promise<Result & { cpuUsPerRequest: number }> {
  if (warmup > 0) check('warm-up', await load({ ...options, duration: warmup }));
  const profiler = profile === undefined ? undefined : await startProfile();
  const before = process.cpuUsage();
  const result = await load(options);
  const used = process.cpuUsage(before);
  if (profiler !== undefined && profile !== undefined) await profiler.stop(profile);
  return { ...result, cpuUsPerRequest: Math.round((used.user + used.system) / Math.max(1, result.requests.total)) };
}

/** A V8 CPU profile of this process (the server's main thread), written as a .cpuprofile for Chrome's DevTools. */
async function startProfile(): Promise<{ stop(file: string): Promise<void> }> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object): Promise<unknown> =>
    new Promise((resolve, reject) => session.post(method, params, (error, answer) => (error ? reject(error) : resolve(answer))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = (await post('Profiler.stop')) as { profile: object };
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      console.error(`CPU profile of the measured commands written to ${file}`);
    },
  };
}

function check(name: string, result: Result): void {
  if (result.errors > 0 || result.non2xx > 0) throw new Error(`${name}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
}

async function rawFastify(seconds: number, warmup: number, connections: number): Promise<Result & { cpuUsPerRequest: number }> {
  const server = fastify({ logger: false });
  server.get('/hello', async () => ({ hello: 'world' }));
  const url = await server.listen({ host: '127.0.0.1', port: 0 });
  try {
    return await measured({ url: `${url}/hello`, connections, duration: seconds }, warmup);
  } finally {
    await server.close();
  }
}

/**
 * The least a durable command can cost on this stack, the commands' raw baseline: Fastify parses the same claim
 * body, and a row holding it is inserted into SQLite (WAL, the same `synchronous`), group-committed once per turn of
 * the event loop, and the answer sent after its commit. No authentication, validation, decision, hash, read model or
 * ledger: everything ogp-ledger adds to a command is the gap between this and the commands' figure.
 */
async function rawDurable(dataDir: string, synchronous: string, seconds: number, warmup: number, connections: number, claims: LoadOptions['claims']): Promise<Result & { cpuUsPerRequest: number }> {
  const db = new Database(join(dataDir, 'raw-durable.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY, stream TEXT NOT NULL, data TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO events (stream, data) VALUES (?, ?)');
  let pending: { stream: string; data: string; done: (position: number) => void }[] = [];
  const commit = db.transaction((batch: typeof pending) => batch.map((row) => Number(insert.run(row.stream, row.data).lastInsertRowid)));
  const flush = (): void => {
    const batch = pending;
    pending = [];
    const positions = commit(batch);
    batch.forEach((row, i) => row.done(positions[i]!));
  };
  const server = fastify({ logger: false });
  server.post<{ Params: { id: string } }>('/admin/commitments/:id/claims', (request, reply) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push({ stream: `commitment-${request.params.id}`, data: JSON.stringify(request.body), done: (position) => void reply.code(201).send({ position: String(position) }) });
  });
  const url = await server.listen({ host: '127.0.0.1', port: 0 });
  try {
    return await measured({ url, connections, duration: seconds, headers: { 'content-type': 'application/json' }, claims }, warmup);
  } finally {
    await server.close();
    db.close();
  }
}

export async function run(args: BenchArgs): Promise<void> {
  const seconds = args.number('seconds', 10);
  const warmup = args.number('warmup', 3);
  const connections = args.number('connections', 50);
  const streams = args.number('streams', 10);
  // FULL by default (what production runs); --synchronous NORMAL shows what the fsync per group commit costs.
  const synchronous = args.flags.get('synchronous') ?? 'FULL';
  const dataDir = mkdtempSync(join(tmpdir(), 'ogp-api-bench-'));
  const app = await createApp({
    env: {},
    config: { DATA_DIR: dataDir, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', SQLITE_SYNCHRONOUS: synchronous, RATE_LIMIT_WRITES_PER_MINUTE: '100000000' },
    announceAdminKey: () => undefined,
    swaggerUi: false,
    imports: [AdminModule, ReviewModule],
  });
  let closed = false;
  const closeApp = async (): Promise<void> => {
    if (!closed) await app.close();
    closed = true;
  };
  try {
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const keys = app.get<KeyStore>(KEY_STORE);
    const admin = (await keys.create({ role: 'admin', name: 'bench' })).key;
    const auditor = (await keys.create({ role: 'auditor', name: 'bench' })).key;
    const send = async (path: string, body: object): Promise<{ stream: string; position: string }> => {
      const res = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { stream: string; position: string };
    };
    const id = (stream: string): string => stream.slice(stream.indexOf('-') + 1);

    // Seed: Semarang, an implementing plan, `streams` commitments with one milestone each.
    await send('/admin/members', { memberId: 'semarang', name: 'Kota Semarang', country: 'ID', cohort: 2020, partners: ['PATTIRO Semarang'] });
    const planId = id((await send('/admin/members/semarang/plans', { title: 'Semarang OGP Local Action Plan 2021-2023', periodStart: '2021-08', periodEnd: '2023-12' })).stream);
    const targets: { commitmentId: string; milestoneId: string }[] = [];
    for (let n = 0; n < streams; n++) {
      const commitmentId = id((await send(`/admin/plans/${planId}/commitments`, {
        ogpId: null, title: `Commitment ${n}`, problem: 'p', statusQuo: 's', action: 'a', objective: 'o', values: ['Access to Information'],
        leadInstitution: 'Diskominfo Kota Semarang', supportingInstitutions: { government: [], civilSociety: ['PATTIRO Semarang'] }, policyArea: 'Right to information',
        startMonth: '2021-08', endMonth: '2023-12',
      })).stream);
      const added = await send(`/admin/commitments/${commitmentId}/milestones`, { title: 'Publish the PPID service standard', startDate: '2021-09-01', dueDate: '2022-03-31' });
      // Read models follow the store: wait for the position the command wrote.
      const events = await fetch(`${url}/audit/commitments/${commitmentId}/history?waitFor=${added.position}`, { headers: { authorization: `Bearer ${auditor}` } });
      const history = (await events.json()) as { data: { type: string; data: { milestoneId?: string } }[] };
      const milestoneId = history.data.find((e) => e.type === 'MilestoneAdded')?.data.milestoneId;
      if (milestoneId === undefined) throw new Error('seeded milestone not found in history');
      targets.push({ commitmentId, milestoneId });
    }
    await send(`/admin/plans/${planId}/endorsement`, { endorsedOn: '2021-07-26', endorsedBy: ['PATTIRO Semarang'] });
    await send(`/admin/plans/${planId}/submission`, { submittedOn: '2021-07-30' });
    await send(`/admin/plans/${planId}/implementation`, { startedOn: '2021-08-01' });

    const commands = await measured(
      { url, connections, duration: seconds, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, claims: targets },
      warmup,
      args.flags.get('profile'),
    );
    check('commands', commands);
    const reads = await measured({ url: `${url}/audit/plans/${planId}`, connections, duration: seconds, headers: { authorization: `Bearer ${auditor}` } }, warmup);
    check('reads', reads);
    // The baselines run with the app closed: its timers (projection lag, scheduled checkpoints) must not count.
    await closeApp();
    const raw = await rawFastify(seconds, warmup, connections);
    check('raw fastify', raw);
    const rawCommands = await rawDurable(dataDir, synchronous, seconds, warmup, connections, targets);
    check('raw durable', rawCommands);

    const result = {
      bench: 'api',
      commandsPerSec: Math.round(commands.requests.average),
      commandP99Ms: commands.latency.p99,
      readsPerSec: Math.round(reads.requests.average),
      readP99Ms: reads.latency.p99,
      rawFastifyPerSec: Math.round(raw.requests.average),
      readRatio: Number((reads.requests.average / raw.requests.average).toFixed(2)),
      rawDurablePerSec: Math.round(rawCommands.requests.average),
      rawDurableP99Ms: rawCommands.latency.p99,
      commandRatio: Number((commands.requests.average / rawCommands.requests.average).toFixed(2)),
    };
    console.table([
      { measure: `POST ReportProgress (${synchronous}, ${connections} conns, ${streams} commitments)`, perSec: result.commandsPerSec, p50Ms: commands.latency.p50, p99Ms: result.commandP99Ms, serverCpuUsPerRequest: commands.cpuUsPerRequest },
      { measure: `GET /audit/plans/:id (${connections} conns)`, perSec: result.readsPerSec, p50Ms: reads.latency.p50, p99Ms: result.readP99Ms, serverCpuUsPerRequest: reads.cpuUsPerRequest },
      { measure: `raw Fastify hello-world (${connections} conns)`, perSec: result.rawFastifyPerSec, p50Ms: raw.latency.p50, p99Ms: raw.latency.p99, serverCpuUsPerRequest: raw.cpuUsPerRequest },
      { measure: `raw durable insert (Fastify + SQLite group commit, ${synchronous})`, perSec: result.rawDurablePerSec, p50Ms: rawCommands.latency.p50, p99Ms: result.rawDurableP99Ms, serverCpuUsPerRequest: rawCommands.cpuUsPerRequest },
    ]);
    console.log(JSON.stringify(result));
  } finally {
    await closeApp();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
