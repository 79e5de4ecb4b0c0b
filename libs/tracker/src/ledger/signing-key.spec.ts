// The signing key file: created once with mode 0600, reused after, refused when named for another origin.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSigningKey } from './signing-key';

describe('loadOrCreateSigningKey', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogp-signing-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a private C2SP signer key on first use and returns the same key afterwards', () => {
    const file = join(dir, 'nested', 'ledger-signing.key');
    const first = loadOrCreateSigningKey(file, 'ogp.example/log');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^PRIVATE\+KEY\+ogp\.example\/log\+[0-9a-f]{8}\+/);
    expect(first.verifierKey).toMatch(/^ogp\.example\/log\+[0-9a-f]{8}\+/);
    expect(loadOrCreateSigningKey(file, 'ogp.example/log').verifierKey).toBe(first.verifierKey);
  });

  it('refuses a key whose name is not the configured origin', () => {
    const file = join(dir, 'other.key');
    loadOrCreateSigningKey(file, 'ogp.example/a');
    expect(() => loadOrCreateSigningKey(file, 'ogp.example/b')).toThrow(/named ogp\.example\/a.*LEDGER_ORIGIN is ogp\.example\/b/);
  });
});
