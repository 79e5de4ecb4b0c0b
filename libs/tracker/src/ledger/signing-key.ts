// The log's checkpoint signing key: read from SIGNING_KEY_FILE, or generated (mode 0600) on first start.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventStore } from '@ogp/event-store';
import {
  CHECKPOINT_SIGNED,
  CHECKPOINT_STREAM,
  formatVerifierKey,
  generateNoteKey,
  LedgerError,
  type NoteSignerKey,
  parseSignedNote,
  parseSignerKey,
} from '@ogp/ledger';
import { StartUpError } from '../config/start-up-error';

export interface LedgerSigningKey {
  readonly signer: NoteSignerKey;
  /** The C2SP verifier key text (name+keyid+base64) that reviewers keep. */
  readonly verifierKey: string;
}

export const LEDGER_SIGNING_KEY = Symbol('LEDGER_SIGNING_KEY');

/**
 * The key at start: as loadOrCreateSigningKey, except that a missing file is an error when the log already holds a
 * signed checkpoint (a restore without the key, a mistyped SIGNING_KEY_FILE): a new key would sign the next
 * checkpoints, and no one key would verify the log any more. `newKey` (SIGNING_KEY_NEW=1) makes one on purpose.
 */
export async function loadSigningKeyAtStart(file: string, origin: string, store: EventStore, newKey: boolean): Promise<LedgerSigningKey> {
  if (!existsSync(file) && !newKey) {
    const signedWith = await latestCheckpointKeyId(store, origin);
    if (signedWith !== null) {
      throw new StartUpError(
        `SIGNING_KEY_FILE ${file} is missing, but the log holds checkpoints signed with key id ${signedWith}: restore the key file from a backup (or set SIGNING_KEY_FILE to it); to sign from now on with a new key, which cannot verify the old checkpoints, start once with SIGNING_KEY_NEW=1.`,
      );
    }
  }
  return loadOrCreateSigningKey(file, origin);
}

/** The key id (hex) of the latest CheckpointSigned event's signature (by `origin`'s name if several), or null. */
async function latestCheckpointKeyId(store: EventStore, origin: string): Promise<string | null> {
  for await (const event of store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', maxCount: 1 })) {
    if (event.type !== CHECKPOINT_SIGNED || typeof event.data['note'] !== 'string') return null;
    const { signatures } = parseSignedNote(event.data['note']);
    const signature = signatures.find((s) => s.name === origin) ?? signatures[0];
    return signature === undefined ? null : signature.keyId.toString('hex');
  }
  return null;
}

/** Loads the signer key text from `file`; creates it for `origin` when missing. The key name must equal the origin. */
export function loadOrCreateSigningKey(file: string, origin: string): LedgerSigningKey {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    // 'wx': never overwrite a key another process created meanwhile.
    try {
      writeFileSync(file, `${generateNoteKey(origin).signerKey}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const signer = readSignerKey(file);
  if (signer.name !== origin) {
    throw new StartUpError(
      `signing key ${file} is named ${signer.name}, but LEDGER_ORIGIN is ${origin}: set LEDGER_ORIGIN=${signer.name}, or SIGNING_KEY_FILE to the key of ${origin}.`,
    );
  }
  return { signer, verifierKey: formatVerifierKey(signer) };
}

function readSignerKey(file: string): NoteSignerKey {
  try {
    return parseSignerKey(readFileSync(file, 'utf8').trim());
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    // A new key cannot sign for the checkpoints already issued: the fix is the kept key, not a fresh one.
    throw new StartUpError(
      `SIGNING_KEY_FILE ${file} does not hold a signing key (${error.message}): restore the key file from a backup, or set SIGNING_KEY_FILE to it.`,
      { cause: error },
    );
  }
}
