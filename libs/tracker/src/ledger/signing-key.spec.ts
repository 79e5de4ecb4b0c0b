// The signing key file: created once with mode 0600, reused after, refused when named for another origin.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ogp/event-store';
import { CHECKPOINT_STREAM, checkpointSignedEvent, EMPTY_TREE_ROOT, signCheckpoint } from '@ogp/ledger';
import { StartUpError } from '../config/start-up-error';
import { loadOrCreateSigningKey, loadSigningKeyAtStart } from './signing-key';

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

describe('loadSigningKeyAtStart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ogp-signing-key-start-'));
  const origin = 'ogp.example/log';
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore({ file: ':memory:' });
  });
  afterEach(() => store.close());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Signs and stores a checkpoint with a key kept in `file`, then loses the file; returns the key's id. */
  async function checkpointSignedThenKeyLost(file: string): Promise<string> {
    const key = loadOrCreateSigningKey(file, origin);
    const { type, schemaVersion, data } = checkpointSignedEvent(signCheckpoint(origin, 0, EMPTY_TREE_ROOT, key.signer));
    const metadata = { actorId: 'system', actorRole: 'system' as const, commandId: 'c', correlationId: 'c', causationId: null, reason: null, recordedAt: '2024-01-01T00:00:00.000Z' };
    await store.append(CHECKPOINT_STREAM, [{ id: '33333333-3333-4333-8333-333333333333', type, schemaVersion, data, metadata }], { expectedRevision: 'any' });
    rmSync(file);
    return key.signer.keyId.toString('hex');
  }

  it('creates the key of a log that holds no checkpoint yet', async () => {
    const file = join(dir, 'fresh.key');
    const key = await loadSigningKeyAtStart(file, origin, store, false);
    expect(existsSync(file)).toBe(true);
    expect(key.verifierKey).toMatch(/^ogp\.example\/log\+[0-9a-f]{8}\+/);
  });

  it('refuses to start without the key file once the log holds a checkpoint, naming the key id and the file', async () => {
    const file = join(dir, 'lost.key');
    const keyId = await checkpointSignedThenKeyLost(file);
    const start = loadSigningKeyAtStart(file, origin, store, false);
    await expect(start).rejects.toBeInstanceOf(StartUpError);
    await expect(start).rejects.toThrow(`SIGNING_KEY_FILE ${file} is missing, but the log holds checkpoints signed with key id ${keyId}: restore the key file`);
    expect(existsSync(file)).toBe(false);
  });

  it('creates a new key over such a log when told to (SIGNING_KEY_NEW=1)', async () => {
    const file = join(dir, 'replaced.key');
    const keyId = await checkpointSignedThenKeyLost(file);
    const key = await loadSigningKeyAtStart(file, origin, store, true);
    expect(key.signer.keyId.toString('hex')).not.toBe(keyId);
    expect(existsSync(file)).toBe(true);
  });
});
