// Benchmark dispatcher: `npm run bench -- <name> [--flag value ...]` runs bench/<name>.bench.ts.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchArgs {
  readonly flags: ReadonlyMap<string, string>;
  /** A numeric flag (e.g. --events 1000000), or the default. */
  number(name: string, fallback: number): number;
}

function parseArgs(argv: readonly string[]): BenchArgs {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) flags.set(arg.slice(2), 'true');
    else flags.set(arg.slice(2), argv[++i]!);
  }
  return {
    flags,
    number(name, fallback) {
      const raw = flags.get(name);
      if (raw === undefined) return fallback;
      const n = Number(raw.replace(/_/g, ''));
      if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${raw}`);
      return n;
    },
  };
}

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const available = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.replace(/\.bench\.ts$/, ''));
  if (!name || !available.includes(name)) {
    console.error(`usage: npm run bench -- <${available.join('|')}> [--events N]`);
    process.exit(2);
  }
  const file = join(__dirname, `${name}.bench.ts`);
  if (!existsSync(file)) throw new Error(`no benchmark ${file}`);
  const mod = (await import(file)) as { run(args: BenchArgs): Promise<void> };
  await mod.run(parseArgs(rest));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
