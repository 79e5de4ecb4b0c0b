// `npm run demo` as a newcomer runs it: the printed example reads answer (the checkpoint one included), Ctrl-C
// deletes the temporary store, and a port already taken ends the demo with an error instead of a silent hang.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { resolve } from 'node:path';

const ROOT_DIR = resolve(__dirname, '..');

interface Demo {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

function startDemo(port: number): Demo {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'demo'], {
    cwd: ROOT_DIR,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

async function until<T>(find: () => T | undefined, what: string, output: () => string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} in the demo's output:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const dataDirOf = (output: string): string | undefined => /Seeded \d+ events into (\S+)/.exec(output)?.[1];

describe('npm run demo', () => {
  let blocker: Server | null = null;
  let demo: Demo | null = null;

  afterEach(async () => {
    if (demo !== null && demo.child.exitCode === null) demo.child.kill('SIGKILL');
    demo = null;
    await new Promise<void>((done) => (blocker === null ? done() : blocker.close(() => done())));
    blocker = null;
  });

  it('serves the seeded scenario with a checkpoint at once, and deletes its store on Ctrl-C', async () => {
    // when the demo starts on a free port
    demo = startDemo(0);
    const { output } = demo;
    const url = await until(() => /ogp-ledger demo on (http:\/\/\S+) /.exec(output())?.[1], 'URL', output);
    const auditor = /auditor\s+key: (\S+)/.exec(output())![1]!;
    const dataDir = dataDirOf(output())!;
    // then its example reads answer, the latest checkpoint too
    const checkpoint = await fetch(`${url}/ledger/checkpoints/latest`);
    expect(checkpoint.status).toBe(200);
    const plan = await fetch(`${url}/audit/plans/semarang-2021`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(plan.status).toBe(200);
    // and Ctrl-C ends it cleanly, leaving no store behind
    demo.child.kill('SIGINT');
    expect(await demo.exited).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
  }, 90_000);

  it('removes its store when stopped while still starting', async () => {
    // when Ctrl-C comes as soon as the seed is written, before the server listens
    demo = startDemo(0);
    const { output } = demo;
    const dataDir = await until(() => dataDirOf(output()), 'seeded store', output);
    demo.child.kill('SIGINT');
    // then it ends without an error and leaves nothing behind
    expect(await demo.exited).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
  }, 90_000);

  it('ends with an error and leaves no store when its port is taken', async () => {
    // given a port in use
    const server = createServer();
    blocker = server;
    const port = await new Promise<number>((done) => server.listen(0, '127.0.0.1', () => done((server.address() as { port: number }).port)));
    // when the demo is started on it
    demo = startDemo(port);
    // then it exits non-zero, says why, and removed its temporary store
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([demo.exited, new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), 60_000)))]);
    clearTimeout(timer);
    expect(code).not.toBe('hung');
    expect(code).not.toBe(0);
    expect(demo.output()).toMatch(/EADDRINUSE/);
    expect(existsSync(dataDirOf(demo.output())!)).toBe(false);
  }, 90_000);
});
