// Benchmark: rebuild of every read model over N realistic events vs the raw read + JSON.parse of the same rows,
// peak RSS, and as-of state of one plan with 10,000 events. `npm run bench -- replay [--events N]`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type JsonObject, type NewEvent, SqliteEventStore } from '@ogp/event-store';
import { createProjections, domainStateModel, openReadModelDb, rebuild, stateAsOf } from '@ogp/projections';
import type { BenchArgs } from './run';

const HOT_PLAN_EVENTS = 10_000;
const HOT_PLAN = 'plan-hot-plan';
const START = Date.UTC(2021, 0, 1);
const OGP_VALUES = ['Access to Information', 'Civic Participation', 'Public Accountability'];
const COMPLETIONS = ['Not Started', 'Limited', 'Substantial', 'Complete'];

/** Builds events stream by stream; `at` is a synthetic clock, one second per event, in the order events are made. */
class Workload {
  private seq = 0;
  private readonly pending = new Map<string, NewEvent[]>();
  pendingCount = 0;

  event(stream: string, type: string, data: JsonObject, reason: string | null = null): void {
    const n = this.seq++;
    const recordedAt = new Date(START + n * 1000).toISOString();
    const reviewer = type.startsWith('Claim') || type.endsWith('Assessed') || type === 'InceptionAssessmentRecorded';
    const e: NewEvent = {
      id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
      type,
      schemaVersion: 1,
      data: { ...data, effectiveAt: (data['effectiveAt'] as string | undefined) ?? recordedAt },
      metadata: {
        actorId: reviewer ? 'reviewer-lmb' : 'admin-secretariat',
        actorRole: reviewer ? 'reviewer' : 'admin',
        commandId: `cmd-${n}`,
        correlationId: `corr-${n >> 2}`,
        causationId: null,
        reason,
        recordedAt,
      },
    };
    let list = this.pending.get(stream);
    if (!list) this.pending.set(stream, (list = []));
    list.push(e);
    this.pendingCount++;
  }

  get made(): number {
    return this.seq;
  }

  async flush(store: SqliteEventStore): Promise<void> {
    await Promise.all([...this.pending].map(([stream, events]) => store.append(stream, events, { expectedRevision: 'any' })));
    this.pending.clear();
    this.pendingCount = 0;
  }
}

function day(offset: number): string {
  return new Date(START + offset * 86_400_000).toISOString().slice(0, 10);
}

/** One member with a plan and 20 commitments: about 2,500 events of every domain type. */
function memberUnit(w: Workload, u: number, budget: number): void {
  const member = `city-${u}`;
  const plan = `${member}-2021`;
  const ms = `member-${member}`;
  w.event(ms, 'MemberRegistered', { memberId: member, name: `City ${u}`, country: 'ID', cohort: 2020, partners: ['TII', 'PATTIRO'], status: 'Active' });
  w.event(`plan-${plan}`, 'ActionPlanDrafted', { planId: plan, memberId: member, title: `Action plan ${u}`, periodStart: '2021-08', periodEnd: '2023-07' });
  w.event(`plan-${plan}`, 'ActionPlanEndorsed', { planId: plan, endorsedBy: ['PATTIRO'], statementUrl: null, effectiveAt: day(200) });
  w.event(`plan-${plan}`, 'ActionPlanSubmitted', { planId: plan, endorsed: true, effectiveAt: day(210) });
  w.event(`plan-${plan}`, 'InceptionAssessmentRecorded', { planId: plan, reviewerId: 'reviewer-lmb', reportUrl: 'https://ogp.example/r', summary: 'ok', effectiveAt: day(240) });
  w.event(`plan-${plan}`, 'ImplementationStarted', { planId: plan, effectiveAt: day(250) });
  for (let c = 0; c < 20 && w.made < budget; c++) {
    const commitment = `${plan}-c${c}`;
    const cs = `commitment-${commitment}`;
    w.event(cs, 'CommitmentAdded', {
      commitmentId: commitment, planId: plan, memberId: member, planRevision: false, reason: null, ogpId: null,
      title: `Commitment ${c} of city ${u}`, problem: 'Budget documents are hard to find', statusQuo: 'PDFs on request',
      action: 'Publish budgets as open data', objective: 'Open budgets', values: [OGP_VALUES[c % 3]!],
      leadInstitution: 'Bappeda', supportingInstitutions: { government: ['Diskominfo'], civilSociety: ['PATTIRO'] },
      policyArea: 'Fiscal Openness', startMonth: '2021-09', endMonth: '2023-06',
    });
    for (let m = 0; m < 6; m++) {
      w.event(cs, 'MilestoneAdded', { commitmentId: commitment, milestoneId: `${commitment}-m${m}`, title: `Milestone ${m}`, startDate: day(260), dueDate: day(400 + m * 30) });
    }
    for (let k = 0; k < 105 && w.made < budget; k++) {
      const m = k % 6;
      const claimId = `${commitment}-m${m}-p${k % 12 < 6 ? 1 : 2}`;
      const version = Math.floor(k / 12) + 1;
      if (k % 3 === 2) {
        w.event(cs, k % 2 === 0 ? 'ClaimVerified' : 'ClaimDisputed', { commitmentId: commitment, claimId, version, reviewerId: 'reviewer-lmb', reason: 'checked the evidence' }, 'review');
      } else if (k % 17 === 5) {
        w.event(cs, 'MilestoneRescheduled', { commitmentId: commitment, milestoneId: `${commitment}-m${m}`, previous: { startDate: day(260), dueDate: day(400) }, startDate: day(260), dueDate: day(430), reason: 'procurement delay' }, 'procurement delay');
      } else {
        w.event(cs, 'ProgressReported', {
          commitmentId: commitment, milestoneId: `${commitment}-m${m}`, claimId, version, completion: COMPLETIONS[k % 4]!,
          narrative: 'Data portal published the 2022 budget', evidence: [{ url: 'https://data.example/budget', title: 'Budget 2022', sha256: null }],
          claimedBy: 'admin-secretariat', late: false, effectiveAt: day(300 + k),
        });
      }
    }
    if (c % 5 === 0) w.event(ms, 'ForumMeetingRecorded', { memberId: member, meetingId: `${member}-f${c}`, participants: { government: ['Bappeda'], civilSociety: ['PATTIRO'] }, minutesUrl: null, effectiveAt: day(200 + c) });
    if (c % 7 === 0) w.event(ms, 'PublicInformationUpdated', { memberId: member, url: 'https://city.example/ogp', summary: 'update', effectiveAt: day(210 + c) });
  }
}

/** Child process entry: writes the workload into `file` (generation is not measured). */
async function generate(file: string, total: number): Promise<void> {
  const store = new SqliteEventStore({ file, synchronous: 'NORMAL' });
  const w = new Workload();
  const hotEvery = Math.max(1, Math.floor(total / HOT_PLAN_EVENTS));
  let hot = 0;
  let unit = 0;
  w.event(HOT_PLAN, 'ActionPlanDrafted', { planId: 'hot-plan', memberId: 'city-0', title: 'Hot plan', periodStart: '2021-08', periodEnd: '2023-07' });
  hot++;
  while (w.made < total) {
    memberUnit(w, unit++, total - (HOT_PLAN_EVENTS - hot));
    // Interleave the hot plan's events through the whole history, as a busy plan's would be.
    while (hot < HOT_PLAN_EVENTS && hot * hotEvery <= w.made) {
      const t = ['ActionPlanEndorsed', 'InceptionAssessmentRecorded', 'ActionPlanSubmitted'][hot % 3]!;
      w.event(HOT_PLAN, t, { planId: 'hot-plan', endorsedBy: ['PATTIRO'], statementUrl: null, endorsed: true, reviewerId: 'reviewer-lmb', reportUrl: 'https://x.example', summary: `round ${hot}`, effectiveAt: day(hot % 700) });
      hot++;
    }
    if (w.pendingCount >= 20_000) await w.flush(store);
  }
  await w.flush(store);
  await store.close();
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Measured {
  readonly events: number;
  readonly rawReadPerSec: number;
  readonly rebuildPerSec: number;
  readonly peakRssMb: number;
  readonly asOfP50Ms: number;
  readonly asOfP99Ms: number;
  readonly hotPlanEvents: number;
}

/** Child process entry: the measured run (raw read, rebuild, as-of) over the generated file; prints one JSON line. */
async function measure(file: string, dir: string): Promise<void> {
  // Raw baseline: the same rows, read and JSON.parsed, nothing else.
  const raw = new Database(file, { readonly: true });
  let r0 = process.hrtime.bigint();
  let rows = 0;
  let sink = 0;
  for (const row of raw.prepare('SELECT position, id, stream, revision, type, schema_version, data, metadata, hash, prev_hash FROM events ORDER BY position').raw(true).iterate() as IterableIterator<unknown[]>) {
    const data = JSON.parse(row[6] as string) as JsonObject;
    const metadata = JSON.parse(row[7] as string) as JsonObject;
    sink += Object.keys(data).length + Object.keys(metadata).length;
    rows++;
  }
  const rawSec = Number(process.hrtime.bigint() - r0) / 1e9;
  raw.close();
  if (sink === 0) throw new Error('nothing read');

  // Rebuild of every read model through the public API, into a fresh database.
  const store = new SqliteEventStore({ file });
  const rm = openReadModelDb({ file: join(dir, 'read-models.sqlite'), mode: 'rebuild' });
  let peakRss = process.memoryUsage.rss();
  r0 = process.hrtime.bigint();
  const result = await rebuild({
    store,
    db: rm,
    projections: createProjections(domainStateModel),
    progressEvery: 20_000,
    needsUpcast: (type, version) => domainStateModel.needsUpcast!(type, version),
    onProgress: () => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    },
  });
  const rebuildSec = Number(process.hrtime.bigint() - r0) / 1e9;

  // As-of state of the hot plan at random instants of its history.
  const times = rm.prepare(`SELECT recorded_at FROM audit_events WHERE stream = ? ORDER BY revision`).pluck().all(HOT_PLAN) as string[];
  const samples: number[] = [];
  let seed = 42;
  for (let i = 0; i < 2000; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const asOf = times[seed % times.length]!;
    const t0 = process.hrtime.bigint();
    const s = stateAsOf(rm, domainStateModel, HOT_PLAN, asOf);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (s === null) throw new Error('no state');
  }
  samples.sort((a, b) => a - b);
  rm.close();
  await store.close();
  const measured: Measured = {
    events: result.events,
    rawReadPerSec: Math.round(rows / rawSec),
    rebuildPerSec: Math.round(result.events / rebuildSec),
    peakRssMb: Math.round(Math.max(peakRss / 1048576, process.resourceUsage().maxRSS / 1024)),
    asOfP50Ms: Number(percentile(samples, 50).toFixed(3)),
    asOfP99Ms: Number(percentile(samples, 99).toFixed(3)),
    hotPlanEvents: times.length,
  };
  process.stdout.write(`${JSON.stringify(measured)}\n`);
}

/** V8 old-space cap of the measured process: without it V8 lets short-lived garbage pile up to ~360 MB before collecting. */
const HEAP_CAP_MB = 128;

function child(args: readonly string[], nodeFlags: readonly string[] = []): string {
  const out = spawnSync(process.execPath, [...nodeFlags, ...process.execArgv, join(__dirname, 'run.ts'), 'replay', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (out.status !== 0) throw new Error(`bench child ${args.join(' ')} failed (${out.status})`);
  return out.stdout;
}

export async function run(args: BenchArgs): Promise<void> {
  const into = args.flags.get('generate-into');
  if (into !== undefined) return generate(into, args.number('events', 1_000_000));
  const measureFile = args.flags.get('measure');
  if (measureFile !== undefined) return measure(measureFile, args.flags.get('dir')!);

  const events = args.number('events', 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'bench-replay-'));
  const file = join(dir, 'events.sqlite');
  try {
    const g0 = Date.now();
    child(['--events', String(events), '--generate-into', file]);
    const db = new Database(file, { readonly: true });
    const stored = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
    db.close();
    console.error(`generated ${stored.toLocaleString('en-US')} events in ${((Date.now() - g0) / 1000).toFixed(1)} s (${(statSync(file).size / 1e6).toFixed(0)} MB)`);
    const m = JSON.parse(child(['--measure', file, '--dir', dir], [`--max-old-space-size=${HEAP_CAP_MB}`]).trim()) as Measured;
    const summary = {
      bench: 'replay',
      events: m.events,
      rebuildPerSec: m.rebuildPerSec,
      rawReadPerSec: m.rawReadPerSec,
      rebuildRatio: Number((m.rebuildPerSec / m.rawReadPerSec).toFixed(3)),
      peakRssMb: m.peakRssMb,
      asOfP50Ms: m.asOfP50Ms,
      asOfP99Ms: m.asOfP99Ms,
      hotPlanEvents: m.hotPlanEvents,
      heapCapMb: HEAP_CAP_MB,
    };
    console.log('');
    console.log('| measure | value |');
    console.log('|---|---|');
    console.log(`| events | ${summary.events.toLocaleString('en-US')} |`);
    console.log(`| raw read + JSON.parse (same rows, same process) | ${summary.rawReadPerSec.toLocaleString('en-US')} events/s |`);
    console.log(`| rebuild of all read models | ${summary.rebuildPerSec.toLocaleString('en-US')} events/s (${summary.rebuildRatio}x raw) |`);
    console.log(`| peak RSS of the measuring process (V8 old space capped at ${HEAP_CAP_MB} MB) | ${summary.peakRssMb} MB |`);
    console.log(`| as-of state, plan with ${summary.hotPlanEvents.toLocaleString('en-US')} events | p50 ${summary.asOfP50Ms} ms, p99 ${summary.asOfP99Ms} ms |`);
    console.log(JSON.stringify(summary));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
