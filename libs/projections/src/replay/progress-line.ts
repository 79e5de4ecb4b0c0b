// A one-line progress bar for rebuilds (events done / total, rate), written to stderr by the CLI and the benchmark.
import type { RebuildProgress } from './rebuild';

const WIDTH = 24;

export function formatProgress(p: RebuildProgress): string {
  const rate = p.elapsedMs > 0 ? Math.round((p.done * 1000) / p.elapsedMs) : 0;
  const total = p.total ?? null;
  const fraction = total && total > 0 ? Math.min(1, p.done / total) : null;
  const bar = fraction === null ? '' : `[${'#'.repeat(Math.round(fraction * WIDTH)).padEnd(WIDTH, '.')}] `;
  const count = total === null ? p.done.toLocaleString('en-US') : `${p.done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`;
  return `${bar}${count} events  ${rate.toLocaleString('en-US')} ev/s`;
}
