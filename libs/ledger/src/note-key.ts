// Ed25519 keys for C2SP signed notes: key ids, the vkey format (name+hexid+base64(0x01||pub)) and the signer key format.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { LedgerError } from './ledger-error';

const ED25519 = 0x01;
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface NoteVerifierKey {
  readonly name: string;
  readonly keyId: Buffer;
  readonly publicKey: Buffer;
  readonly key: KeyObject;
}

export interface NoteSignerKey extends NoteVerifierKey {
  readonly privateKey: KeyObject;
}

/** C2SP key name rule: non-empty, no Unicode spaces, no '+'. */
export function checkKeyName(name: string): void {
  if (name.length === 0 || /[\s+]/u.test(name)) {
    throw new LedgerError('malformed-key', `key name must be non-empty, without spaces or '+': ${JSON.stringify(name)}`);
  }
}

/** key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte Ed25519 public key)[:4]. */
export function noteKeyId(name: string, publicKey: Uint8Array): Buffer {
  return createHash('sha256').update(name).update('\n').update(Uint8Array.of(ED25519)).update(publicKey).digest().subarray(0, 4);
}

function verifierFrom(name: string, publicKey: Buffer): NoteVerifierKey {
  checkKeyName(name);
  if (publicKey.length !== 32) throw new LedgerError('malformed-key', 'an Ed25519 public key is 32 bytes');
  const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
  return { name, keyId: noteKeyId(name, publicKey), publicKey, key };
}

function signerFrom(name: string, seed: Buffer): NoteSignerKey {
  if (seed.length !== 32) throw new LedgerError('malformed-key', 'an Ed25519 private key seed is 32 bytes');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { ...verifierFrom(name, spki.subarray(SPKI_PREFIX.length)), privateKey };
}

/** Generates a key pair: `signerKey` (PRIVATE+KEY+name+hexid+base64(0x01||seed)) stays secret; `verifierKey` (vkey) is published. */
export function generateNoteKey(name: string): { signerKey: string; verifierKey: string } {
  checkKeyName(name);
  const { privateKey } = generateKeyPairSync('ed25519');
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  const signer = signerFrom(name, pkcs8.subarray(PKCS8_PREFIX.length));
  const seed = pkcs8.subarray(PKCS8_PREFIX.length);
  return {
    signerKey: `PRIVATE+KEY+${name}+${signer.keyId.toString('hex')}+${Buffer.concat([Uint8Array.of(ED25519), seed]).toString('base64')}`,
    verifierKey: formatVerifierKey(signer),
  };
}

/** The vkey text a log publishes: `<name>+<hex key id>+<base64(0x01 || public key)>`. */
export function formatVerifierKey(key: NoteVerifierKey): string {
  return `${key.name}+${key.keyId.toString('hex')}+${Buffer.concat([Uint8Array.of(ED25519), key.publicKey]).toString('base64')}`;
}

function decodeTypedKey(b64: string, hexId: string): Buffer {
  const raw = Buffer.from(b64, 'base64');
  if (raw.toString('base64') !== b64 || raw.length !== 33 || raw[0] !== ED25519 || !/^[0-9a-f]{8}$/.test(hexId)) {
    throw new LedgerError('malformed-key', 'expected an Ed25519 key: 8 hex digits of key id and base64(0x01 || 32 bytes)');
  }
  return raw.subarray(1);
}

/** Matches `<name>+<8 hex>+<base64>`; the base64 part may itself contain '+', so no plain split. */
const VKEY = /^([^\s+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+={0,2})$/;

/** Whether a text has the shape of a vkey (as opposed to a bare base64 or hex public key). */
export function looksLikeVerifierKey(text: string): boolean {
  return VKEY.test(text.trim());
}

/** Parses a vkey, checking that its key id matches its name and key. */
export function parseVerifierKey(vkey: string): NoteVerifierKey {
  const m = VKEY.exec(vkey.trim());
  if (m === null) throw new LedgerError('malformed-key', 'a verifier key reads <name>+<hex key id>+<base64 key>');
  const [, name, hexId, b64] = m as unknown as [string, string, string, string];
  const key = verifierFrom(name, decodeTypedKey(b64, hexId));
  if (key.keyId.toString('hex') !== hexId) throw new LedgerError('malformed-key', 'verifier key id does not match its key');
  return key;
}

/** Parses a PRIVATE+KEY+... signer key, checking its key id. */
export function parseSignerKey(skey: string): NoteSignerKey {
  const text = skey.trim();
  const m = text.startsWith('PRIVATE+KEY+') ? VKEY.exec(text.slice('PRIVATE+KEY+'.length)) : null;
  if (m === null) throw new LedgerError('malformed-key', 'a signer key reads PRIVATE+KEY+<name>+<hex key id>+<base64 key>');
  const [, name, hexId, b64] = m as unknown as [string, string, string, string];
  const key = signerFrom(name, decodeTypedKey(b64, hexId));
  if (key.keyId.toString('hex') !== hexId) throw new LedgerError('malformed-key', 'signer key id does not match its key');
  return key;
}

/** A bare 32-byte Ed25519 public key (raw bytes, base64, hex or PEM): it verifies signature lines of any name whose key id it matches. */
export interface RawPublicKey {
  readonly publicKey: Buffer;
  readonly key: KeyObject;
}

export function parseRawPublicKey(input: string | Uint8Array): RawPublicKey {
  let raw: Buffer;
  if (typeof input !== 'string') raw = Buffer.from(input);
  else if (input.includes('-----BEGIN')) {
    raw = createPublicKey(input).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  } else if (/^[0-9a-fA-F]{64}$/.test(input.trim())) raw = Buffer.from(input.trim(), 'hex');
  else raw = Buffer.from(input.trim(), 'base64');
  if (raw.length !== 32) throw new LedgerError('malformed-key', 'a raw Ed25519 public key is 32 bytes');
  return { publicKey: raw, key: createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' }) };
}
