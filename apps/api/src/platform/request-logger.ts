// Per-request loggers made on first use: pino's child() writes out the bindings (the correlation id) for every
// request, while most requests log nothing at the configured level (warn, error, silent).
import type { FastifyBaseLogger, FastifyLogFn, LogLevel } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'pino';

type Level = Exclude<LogLevel, 'silent'>;

/** Fastify's childLoggerFactory: the request's logger, which binds its correlation id the first time it logs. */
export function lazyChildLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  return new LazyChildLogger(logger, bindings, options);
}

class LazyChildLogger implements FastifyBaseLogger {
  private made: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  readonly fatal: FastifyLogFn = (...args: unknown[]) => this.write('fatal', args);
  readonly error: FastifyLogFn = (...args: unknown[]) => this.write('error', args);
  readonly warn: FastifyLogFn = (...args: unknown[]) => this.write('warn', args);
  readonly info: FastifyLogFn = (...args: unknown[]) => this.write('info', args);
  readonly debug: FastifyLogFn = (...args: unknown[]) => this.write('debug', args);
  readonly trace: FastifyLogFn = (...args: unknown[]) => this.write('trace', args);
  readonly silent: FastifyLogFn = () => undefined;

  get level(): string {
    return this.made?.level ?? (this.options.level || this.parent.level);
  }

  set level(level: string) {
    this.logger().level = level;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger().child(bindings, options);
  }

  private logger(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings, this.options));
  }

  private write(level: Level, args: unknown[]): void {
    // A level of its own (a route's logLevel), or a logger that cannot say, and the child is made to decide.
    const decided =
      this.made === undefined && !this.options.level ? isLevelEnabled(this.parent, level) : undefined;
    if (decided === false) return;
    const logger = this.logger();
    (logger[level] as (...line: unknown[]) => void).apply(logger, args);
  }
}

/** pino's isLevelEnabled, when the logger is pino's; undefined when it cannot tell. */
function isLevelEnabled(logger: FastifyBaseLogger, level: Level): boolean | undefined {
  const check = (logger as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled;
  return typeof check === 'function' ? check.call(logger, level) : undefined;
}
