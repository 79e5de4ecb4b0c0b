// After the fault suites and jest's summary: the last line of output is one JSON object with every figure (null if not run).
import { rmSync, writeSync } from 'node:fs';
import { FIGURE_KEYS, figuresFile, readFigures } from './figures';

export default function globalTeardown(): void {
  const figures = readFigures();
  const line = Object.fromEntries(FIGURE_KEYS.map((key) => [key, figures[key] ?? null]));
  rmSync(figuresFile(), { force: true });
  // Written at exit, straight to fd 1: after jest's own closing lines, and past any reporter's buffered stdout.
  process.once('exit', () => writeSync(1, `${JSON.stringify(line)}\n`));
}
