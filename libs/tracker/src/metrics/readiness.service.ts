// Readiness checks: the event store always, and whatever other parts (projections) register at start-up.
export interface ReadinessResult {
  readonly ready: boolean;
  /** Short, non-secret detail shown in /health/ready (e.g. "lag 12 events"). */
  readonly detail?: string;
}

export type ReadinessCheck = () => Promise<ReadinessResult>;

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, ReadinessResult>>;
}

export class ReadinessService {
  private readonly checks = new Map<string, ReadinessCheck>();

  constructor(private readonly timeoutMs = 2000) {}

  /** Adds (or replaces) a named check; the instance is ready only when every check is. */
  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  async report(): Promise<ReadinessReport> {
    const entries = await Promise.all([...this.checks].map(async ([name, check]) => [name, await this.run(check)] as const));
    return { ready: entries.every(([, result]) => result.ready), checks: Object.fromEntries(entries) };
  }

  private async run(check: ReadinessCheck): Promise<ReadinessResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ReadinessResult>((resolve) => {
      timer = setTimeout(() => resolve({ ready: false, detail: `no answer within ${this.timeoutMs} ms` }), this.timeoutMs);
    });
    try {
      // A failing check's message may hold internals (paths, hosts): report only that it failed.
      return await Promise.race([check().catch((): ReadinessResult => ({ ready: false, detail: 'check failed' })), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
