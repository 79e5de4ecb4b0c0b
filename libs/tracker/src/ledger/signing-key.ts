// The log's checkpoint signing key: read from SIGNING_KEY_FILE, or generated (mode 0600) on first start.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatVerifierKey, generateNoteKey, type NoteSignerKey, parseSignerKey } from '@ogp/ledger';

export interface LedgerSigningKey {
  readonly signer: NoteSignerKey;
  /** The C2SP verifier key text (name+keyid+base64) that reviewers keep. */
  readonly verifierKey: string;
}

export const LEDGER_SIGNING_KEY = Symbol('LEDGER_SIGNING_KEY');

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
  const signer = parseSignerKey(readFileSync(file, 'utf8').trim());
  if (signer.name !== origin) {
    throw new Error(`signing key ${file} is named ${signer.name}, but LEDGER_ORIGIN is ${origin}`);
  }
  return { signer, verifierKey: formatVerifierKey(signer) };
}
