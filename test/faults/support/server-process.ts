// Runs the API as a separate process on a DATA_DIR: start, wait until ready, SIGKILL or SIGTERM, restart.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { HttpClient } from './http-client';

const ROOT = join(__dirname, '..', '..', '..');
const ENTRY = join(__dirname, 'fault-server.ts');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  readonly dataDir: string;
  readonly port: number;
  /** Extra environment variables (they win over the suite's defaults). */
  readonly env?: Readonly<Record<string, string>>;
}

export class ServerProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  /** The last few kilobytes the process wrote (log and errors), to explain a failure. */
  private output = '';
  readonly baseUrl: string;

  constructor(private readonly options: ServerOptions) {
    this.baseUrl = `http://127.0.0.1:${options.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawns the server and resolves once /health/ready answers 200 (store open, read models caught up). */
  async start(timeoutMs = 30_000): Promise<void> {
    if (this.child !== null) throw new Error('The server is already running');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', ENTRY], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        DATA_DIR: this.options.dataDir,
        PORT: String(this.options.port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        RATE_LIMIT_WRITES_PER_MINUTE: '100000000',
        ...this.options.env,
      },
      // stdout carries the JSON log (pino), stderr start-up failures: both are kept, to explain a failure.
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        this.output = (this.output + chunk).slice(-16_000);
      });
    }
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    void this.exited.then(() => {
      if (this.child === child) this.child = null;
    });
    await this.waitReady(timeoutMs);
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const client = new HttpClient(this.baseUrl, 1);
    const deadline = Date.now() + timeoutMs;
    try {
      while (Date.now() < deadline) {
        if (this.child === null) throw new Error(`The server exited during start:\n${this.output}`);
        const answer = await client.request('GET', '/health/ready').catch(() => null);
        if (answer?.status === 200) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      client.close();
    }
    throw new Error(`The server was not ready within ${timeoutMs} ms:\n${this.output}`);
  }

  /** Sends the signal and waits for the process to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (child === null) return;
    child.kill(signal);
    await this.exited;
  }

  /** The tail of the process's output: its JSON log lines and any start-up error. */
  get errors(): string {
    return this.output;
  }
}
