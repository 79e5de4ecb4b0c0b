// The suite's figures: each check adds its own to a JSON file that the global teardown prints as the last line.
import { readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export const FIGURE_KEYS = [
  'kills',
  'acknowledged',
  'lost',
  'conflictRequests',
  'lostUpdates',
  'hostileRequests',
  'fiveXX',
  'strayEvents',
  'authzChecks',
  'authzMismatches',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export type Figures = Partial<Record<FigureKey, number>>;

/** One file per jest run (its parent process), so that concurrent runs on one machine do not mix figures. */
export function figuresFile(): string {
  return process.env.OGP_FAULTS_FIGURES ?? join(tmpdir(), `ogp-faults-figures-${process.pid}.json`);
}

export function readFigures(): Figures {
  try {
    return JSON.parse(readFileSync(figuresFile(), 'utf8')) as Figures;
  } catch {
    return {};
  }
}

/** Merges a check's figures and prints its figures line (undecorated, so it reads as one line in the log). */
export function reportFigures(check: string, figures: Figures): void {
  writeFileSync(figuresFile(), JSON.stringify({ ...readFigures(), ...figures }));
  const line = Object.entries(figures)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  // Straight to fd 1: jest's default reporter buffers process.stdout, which would reorder the line.
  writeSync(1, `faults ${check}: ${line}\n`);
}
