// Reads, validates and resolves the configuration from an environment (process.env or a test's overrides).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { AppConfig, type ConfigVariable, type ResolvedConfig } from './app-config';
import { fieldMessages } from './field-messages';
import { StartUpError } from './start-up-error';

/** Thrown when a variable is invalid; the message names every offending variable. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

export type ConfigEnvironment = Readonly<Record<string, string | undefined>>;
export type ConfigOverrides = Partial<Record<ConfigVariable, string | number>>;

export interface LoadConfigOptions {
  /**
   * Default true. False for a process that only reads (a CLI command such as verify or export): DATA_DIR is left as
   * it is, even missing, so that an auditor's read leaves no trace and needs no write access.
   */
  readonly createDataDir?: boolean;
}

const VARIABLES: readonly ConfigVariable[] = [
  'PORT',
  'HOST',
  'DATA_DIR',
  'EVENT_STORE',
  'KEY_STORE',
  'EVENTSTORE_CONNECTION_STRING',
  'SQLITE_SYNCHRONOUS',
  'LOG_LEVEL',
  'BODY_LIMIT_BYTES',
  'RATE_LIMIT_WRITES_PER_MINUTE',
  'LEDGER_ORIGIN',
  'CHECKPOINT_INTERVAL_SECONDS',
  'IDEMPOTENCY_RETENTION_HOURS',
  'SIGNING_KEY_FILE',
  'SIGNING_KEY_NEW',
];

function describe(error: ValidationError, given: Readonly<Record<string, string | number>>): string {
  const messages = fieldMessages(error);
  const value = given[error.property];
  return `${error.property}${value === undefined ? ' (unset)' : `=${JSON.stringify(value)}`}: ${messages.join('; ')}`;
}

/**
 * Validates the variables (overrides win over the environment), fills in defaults, makes DATA_DIR absolute and
 * creates it (unless told not to). Empty strings count as unset, as in most shells' `VAR= cmd`.
 */
export function loadConfig(env: ConfigEnvironment = process.env, overrides: ConfigOverrides = {}, options: LoadConfigOptions = {}): ResolvedConfig {
  const plain: Record<string, string | number> = {};
  for (const name of VARIABLES) {
    const value = overrides[name] ?? env[name];
    if (value !== undefined && value !== '') plain[name] = value;
  }
  const config = plainToInstance(AppConfig, plain);
  // Numbers given as text that do not parse become NaN and fail @IsInt with the variable's name.
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigValidationError(errors.map((error) => describe(error, plain)));

  const dataDir = resolve(config.DATA_DIR);
  if (options.createDataDir ?? true) createDataDir(dataDir);
  return Object.freeze({
    ...config,
    DATA_DIR: dataDir,
    SIGNING_KEY_FILE: resolve(config.SIGNING_KEY_FILE ?? join(dataDir, 'ledger-signing.key')),
  });
}

/** Creates DATA_DIR; a name taken by a file, or a directory this user may not create, stops the start in one line. */
function createDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      throw new StartUpError(`DATA_DIR=${dataDir} is not a directory (${message}): set DATA_DIR to a directory, or to a path where one can be created.`, { cause: error });
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT') {
      throw new StartUpError(`DATA_DIR=${dataDir} cannot be created (${message}): create it with write access for this user, or set DATA_DIR to a directory this user may write.`, {
        cause: error,
      });
    }
    throw error;
  }
}
