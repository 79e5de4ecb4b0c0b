// Progress of a seed on stderr: a redrawn line on a terminal, one line at the end otherwise.
export function seedProgress(done: number, total: number): void {
  if (process.stderr.isTTY) process.stderr.write(`\rseeding ${done}/${total} steps${done === total ? '\n' : ''}`);
  else if (done === total) process.stderr.write(`seeded ${done}/${total} steps\n`);
}
