// The 196 RFC 6962 proof vectors from transparency-dev/merkle, read from shared/vectors/rfc6962 beside the repo.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { verifyConsistency, verifyInclusion } from './merkle-proof';

const VECTORS = resolve(__dirname, '../../../../shared/vectors/rfc6962');

interface InclusionCase {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  wantErr: boolean;
}
interface ConsistencyCase {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  wantErr: boolean;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.json') ? [p] : [];
  });
}

const b64 = (s: string): Buffer => Buffer.from(s, 'base64');
const load = <T>(dir: string): [string, T][] =>
  files(join(VECTORS, dir)).map((f) => [relative(VECTORS, f), JSON.parse(readFileSync(f, 'utf8')) as T]);

/** Rejected means: returns false or throws. */
function accepts(run: () => boolean): boolean {
  try {
    return run();
  } catch {
    return false;
  }
}

if (!existsSync(VECTORS)) {
  console.log(`RFC 6962 vectors skipped: ${VECTORS} does not exist`);
  it.skip('RFC 6962 vectors (folder absent)', () => undefined);
} else {
  const inclusion = load<InclusionCase>('inclusion');
  const consistency = load<ConsistencyCase>('consistency');

  describe('RFC 6962 vectors', () => {
    it('are all there', () => {
      expect(inclusion.length + consistency.length).toBe(196);
    });

    it.each(inclusion)('inclusion %s', (_name, c) => {
      const ok = accepts(() =>
        verifyInclusion(b64(c.leafHash), c.leafIdx, c.treeSize, (c.proof ?? []).map(b64), b64(c.root)),
      );
      expect(ok).toBe(!c.wantErr);
    });

    it.each(consistency)('consistency %s', (_name, c) => {
      const ok = accepts(() =>
        verifyConsistency(c.size1, c.size2, (c.proof ?? []).map(b64), b64(c.root1), b64(c.root2)),
      );
      expect(ok).toBe(!c.wantErr);
    });
  });
}
