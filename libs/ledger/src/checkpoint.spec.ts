// Signed checkpoints: C2SP format, sign/verify round trips, and every tamper a reviewer must catch.
import { createHash } from 'node:crypto';
import { checkpointSignedEvent, CHECKPOINT_SIGNED } from './checkpoint-event';
import { formatCheckpoint, openCheckpoint, signCheckpoint } from './checkpoint';
import { generateNoteKey, noteKeyId, parseSignerKey, parseVerifierKey } from './note-key';
import { openSignedNote, parseSignedNote, signNote } from './signed-note';

const ORIGIN = 'ogp.semarangkota.go.id/ledger';
const root = createHash('sha256').update('root').digest();
const keys = generateNoteKey(ORIGIN);
const signer = parseSignerKey(keys.signerKey);
const note = signCheckpoint(ORIGIN, 1234n, root, signer);

describe('checkpoints', () => {
  it('are C2SP signed notes: three body lines, a blank line, one em-dash signature line', () => {
    const lines = note.split('\n');
    expect(lines.slice(0, 4)).toEqual([ORIGIN, '1234', root.toString('base64'), '']);
    expect(lines[4]).toMatch(new RegExp(`^\u2014 ${ORIGIN.replace(/\./g, '\\.')} [A-Za-z0-9+/]{91}=$`));
    expect(lines[5]).toBe('');
    const sig = Buffer.from(lines[4]!.split(' ')[2]!, 'base64');
    expect(sig.length).toBe(68);
    expect(sig.subarray(0, 4)).toEqual(noteKeyId(ORIGIN, signer.publicKey));
  });

  it('derive the key id as SHA-256(name || 0x0A || 0x01 || key)[:4] and publish it in the vkey', () => {
    const pub = signer.publicKey;
    const id = createHash('sha256').update(Buffer.concat([Buffer.from(`${ORIGIN}\n`), Buffer.of(1), pub])).digest().subarray(0, 4);
    expect(keys.verifierKey).toBe(`${ORIGIN}+${id.toString('hex')}+${Buffer.concat([Buffer.of(1), pub]).toString('base64')}`);
    expect(parseVerifierKey(keys.verifierKey).publicKey).toEqual(pub);
  });

  it('verify against the vkey, the raw key (bytes, base64) and return their content', () => {
    for (const key of [keys.verifierKey, signer.publicKey, signer.publicKey.toString('base64')]) {
      const cp = openCheckpoint(note, key, ORIGIN);
      expect(cp.treeSize).toBe(1234);
      expect(cp.rootHash).toEqual(root);
    }
  });

  it('verify a note from the C2SP signed-note spec shape with an extra unknown signature ignored', () => {
    const other = parseSignerKey(generateNoteKey('witness.example/w1').signerKey);
    const cosigned = note + signNote(formatCheckpoint(ORIGIN, 1234, root), other).split('\n\n')[1]!;
    expect(parseSignedNote(cosigned).signatures).toHaveLength(2);
    expect(openCheckpoint(cosigned, keys.verifierKey).treeSize).toBe(1234);
  });

  it('names the keys that signed and the key expected when none is the expected one (most often the wrong key given)', () => {
    const other = generateNoteKey('other.example/log');
    const otherId = parseSignerKey(other.signerKey).keyId.toString('hex');
    const ownId = parseSignerKey(keys.signerKey).keyId.toString('hex');
    expect(() => openCheckpoint(note, other.verifierKey)).toThrow(
      `no signature from the expected key: signed by ${ORIGIN} (key id ${ownId}), expected other.example/log (key id ${otherId}); is it the log's public key?`,
    );
  });

  it.each([
    ['a changed tree size', note.replace('\n1234\n', '\n1235\n'), /does not verify/],
    ['a changed root', note.replace(root.toString('base64'), Buffer.alloc(32).toString('base64')), /does not verify/],
    ['a changed origin', note.replace(`${ORIGIN}\n`, `x${ORIGIN}\n`), /does not verify/],
    ['a flipped signature byte', flipSignatureByte(note), /does not verify/],
    ['a wrong key id', changeKeyId(note), /no signature from the expected key/],
    ['another key name', note.replace(`\u2014 ${ORIGIN} `, '\u2014 other.example/log '), /no signature from the expected key/],
    ['a hyphen instead of the em dash', note.replace('\u2014', '-'), /malformed signature line/],
    ['no blank line', note.replace('\n\n', '\n'), /no blank line|malformed/],
    ['a control character', note.replace(ORIGIN, `${ORIGIN}\t`), /control/],
    ['no final newline', note.slice(0, -1), /newline/],
    ['no signatures', formatCheckpoint(ORIGIN, 1, root) + '\n', /no signatures/],
  ])('reject %s', (_what, tampered, error) => {
    expect(() => openCheckpoint(tampered, keys.verifierKey)).toThrow(error);
  });

  it('reject a note signed by another key with the same name', () => {
    const impostor = parseSignerKey(generateNoteKey(ORIGIN).signerKey);
    expect(() => openCheckpoint(signCheckpoint(ORIGIN, 1, root, impostor), keys.verifierKey)).toThrow(/no signature/);
  });

  it('reject malformed checkpoint bodies even when signed', () => {
    expect(() => openCheckpoint(signNote(`${ORIGIN}\n01\n${root.toString('base64')}\n`, signer), keys.verifierKey)).toThrow(/leading zeros/);
    expect(() => openCheckpoint(signNote(`${ORIGIN}\n1\nAAAA\n`, signer), keys.verifierKey)).toThrow(/32 bytes/);
    expect(() => openCheckpoint(note, keys.verifierKey, 'other.example/log')).toThrow(/origin/);
    expect(() => openSignedNote(note, 'not a key')).toThrow(/32 bytes/);
  });

  it('build the CheckpointSigned event from the note', () => {
    const event = checkpointSignedEvent(note);
    expect(event.type).toBe(CHECKPOINT_SIGNED);
    expect(event.data).toEqual({ origin: ORIGIN, treeSize: '1234', rootHash: root.toString('base64'), note });
  });
});

function flipSignatureByte(n: string): string {
  const [body, sigLine] = n.split('\n\n') as [string, string];
  const parts = sigLine.trimEnd().split(' ');
  const sig = Buffer.from(parts[2]!, 'base64');
  sig[10]! ^= 1;
  return `${body}\n\n${parts[0]} ${parts[1]} ${sig.toString('base64')}\n`;
}

function changeKeyId(n: string): string {
  const [body, sigLine] = n.split('\n\n') as [string, string];
  const parts = sigLine.trimEnd().split(' ');
  const sig = Buffer.from(parts[2]!, 'base64');
  sig[0]! ^= 1;
  return `${body}\n\n${parts[0]} ${parts[1]} ${sig.toString('base64')}\n`;
}
