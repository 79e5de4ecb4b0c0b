// Before the fault suites: a fresh figures file whose path the suites (same process with --runInBand) share.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export default function globalSetup(): void {
  process.env.OGP_FAULTS_FIGURES = join(tmpdir(), `ogp-faults-figures-${process.pid}.json`);
  writeFileSync(process.env.OGP_FAULTS_FIGURES, '{}');
}
