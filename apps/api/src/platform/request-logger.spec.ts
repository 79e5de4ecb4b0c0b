// The per-request logger writes what pino's child would, and makes the child only when a line is to be written.
import { Writable } from 'node:stream';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { lazyChildLogger } from './request-logger';

function logger(level: string): { parent: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { parent: pino({ level, base: null, timestamp: false }, stream), lines };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('lazyChildLogger', () => {
  describe('when the level is warn', () => {
    it('makes no child for lines below the level, and writes those at or above it with the bindings', async () => {
      const { parent, lines } = logger('warn');
      const child = jest.spyOn(parent, 'child');
      const log = lazyChildLogger(parent, { correlationId: 'c-1' }, {});
      log.info('incoming request');
      log.debug({ x: 1 }, 'detail');
      expect(child).not.toHaveBeenCalled();
      log.warn({ code: 7 }, 'slow');
      log.error('failed');
      await flush();
      expect(child).toHaveBeenCalledTimes(1);
      expect(lines).toEqual([
        { level: 40, correlationId: 'c-1', code: 7, msg: 'slow' },
        { level: 50, correlationId: 'c-1', msg: 'failed' },
      ]);
      expect(log.level).toBe('warn');
    });
  });

  describe('when a route has a level of its own', () => {
    it('writes as a pino child at that level would', async () => {
      const { parent, lines } = logger('warn');
      const log = lazyChildLogger(parent, { correlationId: 'c-2' }, { level: 'info' });
      log.info('incoming request');
      log.debug('hidden');
      await flush();
      expect(lines).toEqual([{ level: 30, correlationId: 'c-2', msg: 'incoming request' }]);
      expect(log.level).toBe('info');
    });
  });

  it('hands out grandchildren with both bindings, and takes a new level', async () => {
    const { parent, lines } = logger('info');
    const log: FastifyBaseLogger = lazyChildLogger(parent, { correlationId: 'c-3' }, {});
    log.child({ part: 'store' }).info('ok');
    log.level = 'error';
    log.warn('not written');
    await flush();
    expect(lines).toEqual([{ level: 30, correlationId: 'c-3', part: 'store', msg: 'ok' }]);
  });
});
