// Failures at start-up (or at a CLI command's first use of a store) that the operator causes and can fix: one line
// each, saying what is wrong and what to do, instead of a stack trace.
import type { LoggerService } from '@nestjs/common';
import { isDamagedDatabaseError } from '@ogp/event-store';
import { ConfigValidationError } from './load-config';
import { StartUpError } from './start-up-error';

interface SystemError {
  readonly code?: unknown;
  readonly syscall?: unknown;
  readonly hostname?: unknown;
  readonly path?: unknown;
  readonly message?: unknown;
}

/**
 * The one line that explains a failure an operator can fix, or null for anything else (a fault of ours: print its
 * stack). Errors opened with a file name (openStoreFile) or a variable (loadConfig) arrive as StartUpError.
 */
export function explainStartUpFailure(error: unknown): string | null {
  if (error instanceof ConfigValidationError || error instanceof StartUpError) return error.message;
  if (typeof error !== 'object' || error === null) return null;
  const { code, syscall, hostname, path, message } = error as SystemError;
  if (typeof code !== 'string' || typeof message !== 'string') return null;
  if (code.startsWith('SQLITE_')) return storeFileProblem(null, error);
  switch (code) {
    case 'EADDRINUSE':
      return `${message}. Another process serves that port: stop it, or set PORT (and HOST).`;
    case 'EADDRNOTAVAIL':
      return `${message}. HOST is not an address of this machine: set HOST to one of its addresses, or 0.0.0.0 for all of them.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      if (syscall !== 'getaddrinfo') return null;
      return `${message}: the host name ${String(hostname)} does not resolve. Set HOST to an address or name of this machine (0.0.0.0 listens on all of its addresses, 127.0.0.1 on this machine only).`;
    case 'ENOSPC':
      return `${message}: the disk is full. Free space on it (or set DATA_DIR, and SIGNING_KEY_FILE, to a disk with room), then start again.`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      if (syscall === 'listen') return `${message}. Ports below 1024 need privileges: set PORT to 1024 or above.`;
      return typeof path === 'string' ? `${message}: give this user access to ${path}, or set DATA_DIR (and SIGNING_KEY_FILE) to a directory it may use.` : null;
    default:
      return null;
  }
}

/**
 * Runs `open` on the SQLite file `file`, so that a file this process may not write, or one that is not an intact
 * database, stops it with a line naming the file instead of a SqliteError.
 */
export function openStoreFile<T>(file: string, open: () => T): T {
  try {
    return open();
  } catch (error) {
    const problem = storeFileProblem(file, error);
    throw problem === null ? error : new StartUpError(problem, { cause: error });
  }
}

/** What is wrong with a store's SQLite file (named, or not known), or null when the error is not about the file. */
function storeFileProblem(file: string | null, error: unknown): string | null {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return null;
  const what = file ?? 'A store file in DATA_DIR';
  const cause = `(${String(message)}, ${code})`;
  if (code.startsWith('SQLITE_READONLY')) {
    return `${what} cannot be written ${cause}: give this user write access to it and to its directory; verify, export and replay need only read access.`;
  }
  if (isDamagedDatabaseError(error)) {
    return `${what} is not an intact SQLite database ${cause}: restore it from a backup, or set DATA_DIR to the directory of an intact store.`;
  }
  if (code === 'SQLITE_FULL') {
    return `${what} cannot be written: the disk holding it is full ${cause}. Free space on it (or set DATA_DIR to a disk with room), then start again.`;
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return `${what} cannot be opened ${cause}: check that DATA_DIR exists and that this user may read it (and write it, to change the store).`;
  }
  return null;
}

/**
 * Nest logs an error thrown while it builds an application (context 'ExceptionHandler') and then, with
 * abortOnError: false, rethrows it: the entry point reports it once, as one line or a stack. Everything else passes.
 */
export function withoutStartUpErrorReports(logger: LoggerService): LoggerService {
  return {
    log: (message: unknown, ...params: unknown[]) => logger.log(message, ...params),
    error: (message: unknown, ...params: unknown[]) => {
      if (params[params.length - 1] !== 'ExceptionHandler') logger.error(message, ...params);
    },
    warn: (message: unknown, ...params: unknown[]) => logger.warn(message, ...params),
    debug: (message: unknown, ...params: unknown[]) => logger.debug?.(message, ...params),
    verbose: (message: unknown, ...params: unknown[]) => logger.verbose?.(message, ...params),
    fatal: (message: unknown, ...params: unknown[]) => logger.fatal?.(message, ...params),
  };
}
