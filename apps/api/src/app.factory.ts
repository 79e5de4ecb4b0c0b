// Builds the configured API application without listening: used by main.ts, the CLI's serve, the demo and e2e tests.
import { createServer } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EventStore } from '@ogp/event-store';
import {
  APP_CONFIG,
  type Clock,
  type ConfigEnvironment,
  type ConfigOverrides,
  IDEMPOTENCY_STORE,
  type IdempotencyStore,
  KEY_STORE,
  loadConfig,
  MetricsService,
  ReadModels,
  type ResolvedConfig,
  withoutStartUpErrorReports,
} from '@ogp/tracker';
import { AppModule, type AppModuleOptions } from './app.module';
import type { AdminKeyAnnouncer } from './platform/admin-key-bootstrap';
import { markRoutesNeedingKey } from './platform/authentication';
import { createFastifyAdapter, installFastifyHooks } from './platform/fastify-adapter';
import { setUpOpenApi } from './platform/openapi';
import { PinoNestLogger } from './platform/pino-nest-logger';
import { ReadCache } from './platform/read-cache';

export interface CreateAppOptions {
  /** Environment to read variables from; default process.env. */
  readonly env?: ConfigEnvironment;
  /** Variables that win over the environment, e.g. { DATA_DIR: tmp, LOG_LEVEL: 'silent' }. */
  readonly config?: ConfigOverrides;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Use this store instead of opening the configured one; the app then leaves it open at shutdown. */
  readonly eventStore?: EventStore;
  /** Where a first-start admin key is shown; default: printed to stdout. */
  readonly announceAdminKey?: AdminKeyAnnouncer;
  /** Serve Swagger UI at /docs (default true); /docs-json is always served. Jest suites pass false. */
  readonly swaggerUi?: boolean;
  /** Extra modules (a test's controllers). */
  readonly imports?: AppModuleOptions['imports'];
}

/** Throws ConfigValidationError (naming the variables) when the configuration is invalid. */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const config: ResolvedConfig = loadConfig(options.env ?? process.env, options.config);
  const adapter = createFastifyAdapter(config);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({
      config,
      clock: options.clock,
      eventStore: options.eventStore,
      announceAdminKey: options.announceAdminKey,
      imports: options.imports,
    }),
    adapter,
    // Nest logs in JSON through pino from its first line, a failed start included (a buffer would be flushed as
    // coloured text); an error it rethrows is reported once, by the caller. bodyParser: false keeps our JSON parser
    // (json-body-parser.ts) instead of Nest's.
    { logger: withoutStartUpErrorReports(new PinoNestLogger(adapter.getInstance().log)), abortOnError: false, bodyParser: false },
  );
  // Before the routes are registered (app.init()), which hands each its Fastify config.
  markRoutesNeedingKey(app);
  const metrics = app.get(MetricsService);
  const readModels = app.get(ReadModels);
  const readCache = new ReadCache({ position: () => readModels.position(), onHit: () => metrics.recordReadCacheHit() });
  installFastifyHooks(adapter, { metrics, keys: app.get(KEY_STORE), readCache, idempotency: app.get<IdempotencyStore>(IDEMPOTENCY_STORE) });
  setUpOpenApi(app, { ui: options.swaggerUi ?? true });
  return app;
}

/** Listens on HOST:PORT from the configuration; returns the address. */
export async function listen(app: NestFastifyApplication): Promise<string> {
  const config = app.get<ResolvedConfig>(APP_CONFIG);
  // app.listen initialises the app first, and that makes (and prints) the first start's admin key: a port that cannot
  // be bound must stop the start before, or the key would be made for a server that never serves.
  await ensurePortFree(config.PORT, config.HOST);
  await app.listen(config.PORT, config.HOST);
  return app.getUrl();
}

/** Binds HOST:PORT and lets it go: throws what listening would (EADDRINUSE, EADDRNOTAVAIL, ENOTFOUND, EACCES). */
function ensurePortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ port, host }, () => probe.close(() => resolve()));
  });
}
