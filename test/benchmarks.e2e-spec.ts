// Every benchmark still runs: each at a small size in its own process, ending with its JSON line. The figures
// themselves are not judged here (CI machines vary); docs/benchmarks.md holds the full-size runs.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..');

const PROFILE_DIR = mkdtempSync(join(tmpdir(), 'ogp-bench-profile-'));
const API_PROFILE = join(PROFILE_DIR, 'commands.cpuprofile');
afterAll(() => rmSync(PROFILE_DIR, { recursive: true, force: true }));

const SMALL: readonly [string, readonly string[], readonly string[]][] = [
  ['event-store', ['--events', '20000'], ['events', 'appendsPerSec', 'batchAppendsPerSec', 'readAllPerSec', 'rawInsertPerSec', 'rawReadPerSec', 'appendRatio', 'readRatio']],
  ['api', ['--seconds', '1', '--warmup', '1', '--profile', API_PROFILE], ['commandsPerSec', 'commandP99Ms', 'readsPerSec', 'readP99Ms', 'rawFastifyPerSec', 'readRatio']],
  ['replay', ['--events', '20000'], ['events', 'rebuildPerSec', 'rawReadPerSec', 'rebuildRatio', 'peakRssMb', 'asOfP50Ms', 'asOfP99Ms']],
  ['verify', ['--events', '20000'], ['events', 'verifyPerSec', 'rawHashPerSec', 'verifyRatio']],
];

describe('benchmarks (smoke, small sizes)', () => {
  it.each(SMALL)('%s runs and ends with its JSON figures', async (name, args, keys) => {
    const { stdout } = await run(process.execPath, ['-r', '@swc-node/register', 'bench/run.ts', name, ...args], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    const last = stdout.trim().split('\n').at(-1)!;
    const figures = JSON.parse(last) as Record<string, unknown>;
    expect(figures.bench).toBe(name);
    for (const key of keys) {
      expect({ key, ok: typeof figures[key] === 'number' && Number.isFinite(figures[key]) && (figures[key] as number) >= 0 }).toEqual({ key, ok: true });
    }
  }, 180_000);

  it('api --profile wrote a V8 CPU profile of the measured commands', () => {
    const profile = JSON.parse(readFileSync(API_PROFILE, 'utf8')) as { nodes: { callFrame: { url: string } }[]; samples: number[] };
    expect(profile.samples.length).toBeGreaterThan(0);
    // The commands ran through the app: its handlers are among the profiled frames.
    expect(profile.nodes.some((n) => n.callFrame.url.includes('libs/tracker/'))).toBe(true);
  });
});
