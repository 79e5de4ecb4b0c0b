// The validated configuration of a running ogp-ledger process, read from environment variables.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min, ValidateIf } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type EventStoreKind = 'sqlite' | 'esdb';
export type KeyStoreKind = 'sqlite' | 'event-store';
export type SqliteSynchronous = 'FULL' | 'NORMAL';

/** Property names equal the environment variable names, so a validation message names the variable. */
export class AppConfig {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @IsNotEmpty()
  HOST = '0.0.0.0';

  @IsString()
  @IsNotEmpty()
  DATA_DIR = './data';

  @IsIn(['sqlite', 'esdb'])
  EVENT_STORE: EventStoreKind = 'sqlite';

  @ValidateIf((config: AppConfig) => config.EVENT_STORE === 'esdb')
  @IsString()
  @IsNotEmpty({ message: 'EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=esdb' })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsIn(['sqlite', 'event-store'])
  KEY_STORE: KeyStoreKind = 'sqlite';

  @IsIn(['FULL', 'NORMAL'])
  SQLITE_SYNCHRONOUS: SqliteSynchronous = 'FULL';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @Type(() => Number)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_WRITES_PER_MINUTE = 600;

  @IsString()
  @IsNotEmpty()
  LEDGER_ORIGIN = 'ogp-ledger.local/log';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  CHECKPOINT_INTERVAL_SECONDS = 60;

  /** How long an Idempotency-Key's recorded answer is kept; 0 keeps them forever. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  IDEMPOTENCY_RETENTION_HOURS = 168;

  /** Defaults to DATA_DIR/ledger-signing.key once DATA_DIR is known (see loadConfig). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  SIGNING_KEY_FILE?: string;

  /** 1: create a new signing key when SIGNING_KEY_FILE is missing though the log holds signed checkpoints. */
  @Type(() => Number)
  @IsIn([0, 1])
  SIGNING_KEY_NEW = 0;
}

/** The configuration after loading: every derived value filled in, paths absolute. */
export type ResolvedConfig = Readonly<Omit<AppConfig, 'SIGNING_KEY_FILE'> & { SIGNING_KEY_FILE: string }>;

export type ConfigVariable = keyof AppConfig;

export const APP_CONFIG = Symbol('APP_CONFIG');
