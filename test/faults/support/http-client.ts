// A keep-alive HTTP/1.1 client for the fault suites: raw bodies and headers, bounded sockets, no retries.
import { Agent, request as httpRequest, type OutgoingHttpHeaders } from 'node:http';

export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown;
}

export interface RequestOptions {
  /** API key, sent as Authorization: Bearer. */
  readonly key?: string;
  /** An object is sent as JSON; a string or Buffer is sent as is (content type from headers, default JSON). */
  readonly body?: unknown;
  readonly headers?: OutgoingHttpHeaders;
  readonly timeoutMs?: number;
}

export class HttpClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, sockets = 20) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  /** Rejects on a connection error or timeout (the server died); otherwise resolves with whatever status came. */
  request(method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    const payload =
      options.body === undefined ? undefined : typeof options.body === 'string' || Buffer.isBuffer(options.body) ? options.body : JSON.stringify(options.body);
    const headers: OutgoingHttpHeaders = {};
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
    Object.assign(headers, options.headers);
    // A header given as undefined is removed (e.g. no content type at all).
    for (const name of Object.keys(headers)) if (headers[name] === undefined) delete headers[name];
    return new Promise((resolve, reject) => {
      let answered = false;
      const req = httpRequest({ host: this.host, port: this.port, method, path, headers, agent: this.agent }, (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text === '' ? undefined : JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      });
      req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
      // A server may answer (e.g. 413) and close before reading the whole body: the answer counts, not the EPIPE.
      req.on('error', (error) => {
        if (!answered) reject(error);
      });
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `task` over `items` with at most `concurrency` in flight; results in input order. */
export async function pooled<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
