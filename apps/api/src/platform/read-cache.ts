// Whole answers of read routes, kept per (API key, URL) for one read-model position and served before Nest's
// pipeline: a repeated read of unchanged read models costs a key check and a map lookup.
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { CORRELATION_ID_HEADER } from './request-context';

/**
 * Marks a GET route whose 200 answers ReadCache may keep and serve again. Only for answers that depend on nothing
 * but the read models, the URL and the caller's key (role and scope are fixed for a key's life): never one that
 * depends on the clock (compliance), on the event store read directly, or on state kept outside the read models
 * (checkpoints, keys).
 */
export const CachedRead = (): MethodDecorator => RouteConfig({ ogpCachedRead: true });

export interface ReadCacheLimits {
  /** Answers kept at most (over all keys and URLs); past it the cache starts over. */
  readonly entries: number;
  /** Characters kept at most (bodies, URLs and headers); past it the cache starts over. */
  readonly chars: number;
  /** An answer of more characters than this is not kept. */
  readonly entryChars: number;
  /** Nor one for a longer URL: real reads have short URLs, and junk spellings of one must not crowd the cache. */
  readonly urlChars: number;
}

const DEFAULT_LIMITS: ReadCacheLimits = { entries: 10_000, chars: 32 * 1024 * 1024, entryChars: 1024 * 1024, urlChars: 2048 };

/** Headers of one request's answer, never replayed to another. */
const PER_REQUEST_HEADERS: ReadonlySet<string> = new Set([CORRELATION_ID_HEADER, 'content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'set-cookie']);

/** Kept under (the key the pipeline answered, its guards having passed, or none for a public route; the URL). */
interface Answer {
  readonly headers: readonly (readonly [string, string | string[]])[];
  readonly body: string;
  /** What it counts against `chars`. */
  readonly chars: number;
}

/** On a request to a cached-read route that was not answered from the cache: the position taken before it ran. */
interface Pending {
  readonly position: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    ogpReadCache: Pending | null;
  }
  interface FastifyContextConfig {
    /** Set by @CachedRead(). */
    ogpCachedRead?: boolean;
  }
}

export interface ReadCacheOptions {
  /** What the read models reflect now ("commit/prepare"); the cache keeps answers for one position only. */
  readonly position: () => string | null;
  /** Called for each answer served from the cache (a metric). */
  readonly onHit?: () => void;
  readonly limits?: Partial<ReadCacheLimits>;
}

/**
 * Every answer is dropped the first time a request comes with another read-model position, as PositionCache does
 * one level down. A request is served from the cache only with the same key (checked again for each request by
 * authenticateBeforeBody, so a revoked key is refused as without the cache) and URL as the request the whole
 * pipeline answered with 200; the position an answer is kept under is taken before that request ran, so it never
 * overstates what the answer reflects (a read that waited for a later position is kept under the earlier one and
 * never served).
 */
export class ReadCache {
  private readonly limits: ReadCacheLimits;
  private readonly answers = new Map<string, Answer>();
  private position: string | null = null;
  private chars = 0;

  constructor(private readonly options: ReadCacheOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  /**
   * Adds the hooks: install after the hook that sets the correlation id header, which cached answers keep, and
   * after authenticateBeforeBody, whose principal says whose answers a request may be served.
   */
  install(fastify: FastifyInstance): void {
    fastify.decorateRequest('ogpReadCache', null);
    fastify.addHook('onRequest', (request, reply, done) => this.onRequest(request, reply, done));
    fastify.addHook('onSend', (request, reply, payload, done) => {
      this.keep(request, reply, payload);
      done(null, payload);
    });
  }

  /** Answers kept now (tests, metrics). */
  get size(): number {
    return this.answers.size;
  }

  private onRequest(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
    if (request.method !== 'GET' || request.routeOptions.config.ogpCachedRead !== true) return done();
    const position = this.options.position();
    if (position !== this.position) this.clear(position);
    request.ogpReadCache = { position };
    // A route that needs a key has had it checked already (a refused key never gets this far, whether or not an
    // answer is kept for its id: key ids are no secret, every event names its author's).
    const answer = this.answers.get(cacheKey(request.principal?.keyId ?? null, request.url));
    if (answer === undefined) done();
    else this.serve(request, reply, answer);
  }

  private serve(request: FastifyRequest, reply: FastifyReply, answer: Answer): void {
    request.ogpReadCache = null;
    for (const [name, value] of answer.headers) void reply.header(name, value);
    void reply.send(answer.body);
    this.options.onHit?.();
  }

  private keep(request: FastifyRequest, reply: FastifyReply, payload: unknown): void {
    const pending = request.ogpReadCache;
    if (pending === null || reply.statusCode !== 200 || typeof payload !== 'string') return;
    // The read models moved on while this request ran: its answer is already out of date for the cache.
    if (pending.position !== this.position || this.options.position() !== pending.position) return;
    if (request.url.length > this.limits.urlChars) return;
    const keyId = request.principal?.keyId ?? null;
    const key = cacheKey(keyId, request.url);
    const headers: [string, string | string[]][] = [];
    let chars = key.length + payload.length;
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value === undefined || PER_REQUEST_HEADERS.has(name)) continue;
      const kept = Array.isArray(value) ? value : String(value);
      headers.push([name, kept]);
      chars += name.length + String(kept).length;
    }
    if (chars > this.limits.entryChars) return;
    const replaced = this.answers.get(key);
    if (replaced !== undefined) {
      this.answers.delete(key);
      this.chars -= replaced.chars;
    }
    if (this.answers.size >= this.limits.entries || this.chars + chars > this.limits.chars) this.clear(this.position);
    this.answers.set(key, { headers, body: payload, chars });
    this.chars += chars;
  }

  private clear(position: string | null): void {
    this.answers.clear();
    this.chars = 0;
    this.position = position;
  }
}

/** Public answers (no key) share one entry per URL; a key's answers are its own. */
function cacheKey(keyId: string | null, url: string): string {
  return keyId === null ? ` ${url}` : `${keyId} ${url}`;
}
