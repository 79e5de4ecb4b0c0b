// Specifies which start-up failures are the operator's (one line saying what to do) and which are ours (null: a stack).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import Database from 'better-sqlite3';
import { ConfigValidationError } from './load-config';
import { StartUpError } from './start-up-error';
import { explainStartUpFailure, openStoreFile, withoutStartUpErrorReports } from './start-up-failure';

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

describe('start-up failures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogp-start-up-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('when a store file cannot be used', () => {
    it('names a file that is not a database and says what to do', () => {
      const file = join(dir, 'random.sqlite');
      writeFileSync(file, Buffer.alloc(4096, 7));
      const error = thrownBy(() => openStoreFile(file, () => new Database(file).pragma('journal_mode = WAL')));
      expect(error).toBeInstanceOf(StartUpError);
      expect(explainStartUpFailure(error)).toBe(
        `${file} is not an intact SQLite database (file is not a database, SQLITE_NOTADB): restore it from a backup, or set DATA_DIR to the directory of an intact store.`,
      );
    });

    it('says that a read-only store cannot take a write, with or without the file known', () => {
      const file = join(dir, 'read-only.sqlite');
      new Database(file).exec('CREATE TABLE t (a)');
      const reader = new Database(file, { readonly: true });
      const write = (): unknown => reader.prepare('INSERT INTO t VALUES (1)').run();
      expect(explainStartUpFailure(thrownBy(write))).toMatch(/^A store file in DATA_DIR cannot be written \(attempt to write a readonly database, SQLITE_READONLY\): give this user write access/);
      expect(explainStartUpFailure(thrownBy(() => openStoreFile(file, write)))).toMatch(new RegExp(`^${file} cannot be written \\(attempt to write a readonly database`));
      reader.close();
    });

    it('says that the disk is full, for SQLite as for a file written directly', () => {
      // given a database that may not grow past a few pages: SQLite's own "database or disk is full"
      const db = new Database(join(dir, 'full.sqlite'));
      db.exec('CREATE TABLE t (a)');
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
      const full = thrownBy(() => db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000)));
      db.close();
      expect(explainStartUpFailure(full)).toMatch(/^A store file in DATA_DIR cannot be written: the disk holding it is full \(database or disk is full, SQLITE_FULL\)\. Free space/);
      const noSpace = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
      expect(explainStartUpFailure(noSpace)).toMatch(/^ENOSPC: no space left on device, write: the disk is full\. Free space/);
    });

    it('lets a failure that is not about the file through unchanged', () => {
      const bug = new TypeError('x is undefined');
      expect(thrownBy(() => openStoreFile(join(dir, 'x.sqlite'), () => { throw bug; }))).toBe(bug);
      expect(explainStartUpFailure(bug)).toBeNull();
    });
  });

  describe('when the address cannot be listened on', () => {
    it('says what to do about a port in use, a host that does not resolve, or an address of another machine', () => {
      const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:3000'), { code: 'EADDRINUSE', syscall: 'listen' });
      expect(explainStartUpFailure(inUse)).toBe(
        'listen EADDRINUSE: address already in use 127.0.0.1:3000. Another process serves that port: stop it, or set PORT (and HOST).',
      );
      const unknownHost = Object.assign(new Error('getaddrinfo ENOTFOUND nohost.invalid'), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: 'nohost.invalid' });
      expect(explainStartUpFailure(unknownHost)).toMatch(/^getaddrinfo ENOTFOUND nohost\.invalid: the host name nohost\.invalid does not resolve\. Set HOST to/);
      const notHere = Object.assign(new Error('listen EADDRNOTAVAIL: address not available 10.9.9.9:3000'), { code: 'EADDRNOTAVAIL', syscall: 'listen' });
      expect(explainStartUpFailure(notHere)).toMatch(/HOST is not an address of this machine/);
    });
  });

  it('passes the messages of configuration and start-up errors as they are, and explains nothing else', () => {
    expect(explainStartUpFailure(new ConfigValidationError(['PORT="x": PORT must be an integer number']))).toBe('Invalid configuration:\n  - PORT="x": PORT must be an integer number');
    expect(explainStartUpFailure(new StartUpError('signing key k is named a, but LEDGER_ORIGIN is b: ...'))).toBe('signing key k is named a, but LEDGER_ORIGIN is b: ...');
    expect(explainStartUpFailure(new Error('boom'))).toBeNull();
    expect(explainStartUpFailure('boom')).toBeNull();
  });

  it("keeps Nest's report of an error it rethrows out of the log, and every other line in it", () => {
    const lines: unknown[][] = [];
    const record = (...args: unknown[]): number => lines.push(args);
    const inner: LoggerService = { log: record, error: record, warn: record };
    const logger = withoutStartUpErrorReports(inner);
    logger.error(new Error('store'), undefined, 'ExceptionHandler');
    logger.error('a failed request', 'stack', 'RouterExplorer');
    logger.log('Starting Nest application...', 'NestFactory');
    expect(lines).toEqual([
      ['a failed request', 'stack', 'RouterExplorer'],
      ['Starting Nest application...', 'NestFactory'],
    ]);
  });
});
