// C2SP signed notes (c2sp.org/signed-note): text, a blank line, then "— <key name> <base64(key id || signature)>" lines.
import { sign, verify } from 'node:crypto';
import { LedgerError } from './ledger-error';
import {
  looksLikeVerifierKey,
  NoteSignerKey,
  NoteVerifierKey,
  noteKeyId,
  parseRawPublicKey,
  parseVerifierKey,
  RawPublicKey,
} from './note-key';

const DASH = '\u2014';
/** Verifiers must accept at least 16 signatures; more than this is refused as abuse. */
const MAX_SIGNATURES = 100;

export interface NoteSignature {
  readonly name: string;
  readonly keyId: Buffer;
  readonly signature: Buffer;
}

export interface ParsedNote {
  /** The signed text, including its final newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** What a note can be verified against: a vkey, a parsed verifier key, or a bare Ed25519 public key. */
export type NoteVerifierInput = string | Uint8Array | NoteVerifierKey | RawPublicKey;

function malformed(message: string): LedgerError {
  return new LedgerError('malformed-note', message);
}

function checkText(text: string): void {
  if (!text.endsWith('\n')) throw malformed('note text must end with a newline');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw malformed('note contains ASCII control characters');
  if (/[\ud800-\udfff]/.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) throw malformed('note is not valid UTF-8');
}

/** Splits a signed note into text and signature lines; checks the form only, not the signatures. */
export function parseSignedNote(note: string): ParsedNote {
  checkText(note);
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw malformed('note has no blank line before its signatures');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2).split('\n');
  lines.pop(); // the final newline leaves one empty element
  if (lines.length === 0) throw malformed('note has no signatures');
  if (lines.length > MAX_SIGNATURES) throw malformed(`note has more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line): NoteSignature => {
    const m = /^\u2014 ([^\s+]+) ([A-Za-z0-9+/]+={0,2})$/u.exec(line);
    if (m === null) throw malformed(`malformed signature line: ${JSON.stringify(line.slice(0, 120))}`);
    const raw = Buffer.from(m[2]!, 'base64');
    if (raw.toString('base64') !== m[2] || raw.length < 5) throw malformed('signature is not canonical base64 of 4+n bytes');
    return { name: m[1]!, keyId: raw.subarray(0, 4), signature: raw.subarray(4) };
  });
  return { text, signatures };
}

/** Signs note text (which must end in a newline) with an Ed25519 signer key: returns the full signed note. */
export function signNote(text: string, signer: NoteSignerKey): string {
  checkText(text);
  const sig = sign(null, Buffer.from(text, 'utf8'), signer.privateKey);
  return `${text}\n${DASH} ${signer.name} ${Buffer.concat([signer.keyId, sig]).toString('base64')}\n`;
}

/** Parses a verifier input once (vkey text, raw key bytes or text), so that many notes can be checked against it. */
export function resolveNoteVerifier(input: NoteVerifierInput): NoteVerifierKey | RawPublicKey {
  if (typeof input === 'string') return looksLikeVerifierKey(input) ? parseVerifierKey(input) : parseRawPublicKey(input);
  if (input instanceof Uint8Array) return parseRawPublicKey(input);
  return input;
}

/** Whether a signature line is from this key: name and id for a vkey; for a bare key, the id its own name implies. */
function isFrom(sig: NoteSignature, key: NoteVerifierKey | RawPublicKey): boolean {
  if ('name' in key) return sig.name === key.name && sig.keyId.equals(key.keyId);
  return sig.keyId.equals(noteKeyId(sig.name, key.publicKey));
}

/**
 * Verifies a signed note against one known key and returns its text. As C2SP requires: signatures from unknown keys
 * are ignored; a known key's bad signature rejects the note; no verified signature rejects it.
 */
export function openSignedNote(note: string, verifier: NoteVerifierInput): { text: string; keyName: string } {
  const parsed = parseSignedNote(note);
  const key = resolveNoteVerifier(verifier);
  let keyName: string | null = null;
  for (const sig of parsed.signatures) {
    if (!isFrom(sig, key)) continue;
    if (sig.signature.length !== 64 || !verify(null, Buffer.from(parsed.text, 'utf8'), key.key, sig.signature)) {
      throw new LedgerError('note-not-verified', `signature by ${sig.name} does not verify`);
    }
    keyName = sig.name;
  }
  if (keyName === null) {
    // Most often the wrong public key was given: name the keys that did sign, and the one that was expected.
    // At most three, each name cut short: a hostile note must not make the message large.
    const shown = parsed.signatures.slice(0, 3).map((sig) => `${sig.name.slice(0, 100)} (key id ${sig.keyId.toString('hex')})`);
    const signers = shown.join(', ') + (parsed.signatures.length > 3 ? ` and ${parsed.signatures.length - 3} more` : '');
    const expected = 'name' in key ? `${key.name} (key id ${key.keyId.toString('hex')})` : 'the bare public key given';
    throw new LedgerError('note-not-verified', `no signature from the expected key: signed by ${signers}, expected ${expected}; is it the log's public key?`);
  }
  return { text: parsed.text, keyName };
}
