// Prometheus metrics of one application instance (its own registry, so several apps can live in one process).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export class MetricsService {
  readonly registry = new Registry();

  private readonly httpRequests = new Counter({
    name: 'ogp_http_requests_total',
    help: 'HTTP requests answered, by route template, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });

  private readonly httpDuration = new Histogram({
    name: 'ogp_http_request_duration_seconds',
    help: 'HTTP request latency, by route template, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  private readonly readCacheHits = new Counter({
    name: 'ogp_read_cache_hits_total',
    help: 'Reads answered from the API read cache (an answer kept for the same key, URL and read-model position)',
    registers: [this.registry],
  });

  private readonly eventsAppended = new Counter({
    name: 'ogp_events_appended_total',
    help: 'Events appended to the event store by this instance',
    registers: [this.registry],
  });

  private readonly projectionLagEvents = new Gauge({
    name: 'ogp_projection_lag_events',
    help: 'Events in the global order not yet applied by a projection',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  private readonly projectionLagSeconds = new Gauge({
    name: 'ogp_projection_lag_seconds',
    help: 'Age of the newest event a projection has not yet applied (0 when caught up)',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  constructor(options: { readonly defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'ogp_' });
  }

  observeHttpRequest(route: string, method: string, status: number, seconds: number): void {
    const labels = { route, method, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  recordReadCacheHit(): void {
    this.readCacheHits.inc();
  }

  recordEventsAppended(count: number): void {
    if (count > 0) this.eventsAppended.inc(count);
  }

  setProjectionLag(projection: string, lag: { readonly events: number; readonly seconds: number }): void {
    this.projectionLagEvents.set({ projection }, lag.events);
    this.projectionLagSeconds.set({ projection }, lag.seconds);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  async render(): Promise<string> {
    return this.registry.metrics();
  }
}
