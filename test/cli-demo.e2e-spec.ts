// `npm run demo` as a newcomer runs it: the printed example reads answer (the checkpoint one included), Ctrl-C
// deletes the temporary store, and a port already taken ends the demo (and `serve`) with what to do about it
// instead of a silent hang or a crash.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT_DIR = resolve(__dirname, '..');

interface Demo {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

function startCommand(port: number, command = 'demo', env: NodeJS.ProcessEnv = {}): Demo {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/cli/src/main.ts', command], {
    cwd: ROOT_DIR,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
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

/** A port in use on 127.0.0.1, by a server that the test closes. */
async function takenPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  const port = await new Promise<number>((done) => server.listen(0, '127.0.0.1', () => done((server.address() as { port: number }).port)));
  return { server, port };
}

/** The exit code, or 'hung' if the process has not ended within a minute. */
async function exitCodeOf(demo: Demo): Promise<number | null | 'hung'> {
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([demo.exited, new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), 60_000)))]);
  clearTimeout(timer);
  return code;
}

const PORT_IN_USE_HINT = /EADDRINUSE: address already in use 127\.0\.0\.1:\d+\. Another process serves that port: stop it, or set PORT \(and HOST\)\./;

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
    // when the demo starts on a free port (DATA_DIR names a directory it must neither make nor use)
    const configuredDataDir = join(tmpdir(), `ogp-demo-not-made-${process.pid}`);
    demo = startCommand(0, 'demo', { DATA_DIR: configuredDataDir });
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
    expect(existsSync(configuredDataDir)).toBe(false);
  }, 90_000);

  it('removes its store when stopped while still starting', async () => {
    // when Ctrl-C comes as soon as the seed is written, before the server listens
    demo = startCommand(0);
    const { output } = demo;
    const dataDir = await until(() => dataDirOf(output()), 'seeded store', output);
    demo.child.kill('SIGINT');
    // then it ends without an error and leaves nothing behind
    expect(await demo.exited).toBe(0);
    expect(existsSync(dataDir)).toBe(false);
  }, 90_000);

  it('ends with an error and leaves no store when its port is taken', async () => {
    // given a port in use
    const taken = await takenPort();
    blocker = taken.server;
    // when the demo is started on it
    demo = startCommand(taken.port);
    // then it exits non-zero, says why and what to do, and removed its temporary store
    const code = await exitCodeOf(demo);
    expect(code).not.toBe('hung');
    expect(code).not.toBe(0);
    expect(demo.output()).toMatch(PORT_IN_USE_HINT);
    expect(existsSync(dataDirOf(demo.output())!)).toBe(false);
  }, 90_000);
});

describe('npm run cli -- serve', () => {
  let blocker: Server | null = null;
  let serve: Demo | null = null;
  const dataDir = mkdtempSync(join(tmpdir(), 'ogp-cli-serve-'));

  afterAll(async () => {
    if (serve !== null && serve.child.exitCode === null) serve.child.kill('SIGKILL');
    await new Promise<void>((done) => (blocker === null ? done() : blocker.close(() => done())));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends with exit code 1 and what to do when its port is taken, closing the app before the store', async () => {
    const taken = await takenPort();
    blocker = taken.server;
    serve = startCommand(taken.port, 'serve', { DATA_DIR: dataDir, LOG_LEVEL: 'error' });
    expect(await exitCodeOf(serve)).toBe(1);
    expect(serve.output()).toMatch(PORT_IN_USE_HINT);
    // The app's ledger log no longer follows the store once the CLI has closed it.
    expect(serve.output()).not.toMatch(/Event store is closed|subscription failed/);
  }, 90_000);
});
