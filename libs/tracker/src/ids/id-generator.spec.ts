// Specifies the id generator: random v4 ids, and v5 ids that match RFC 9562's test vector and stay deterministic.
import { IdGenerator, isUuid, uuidV5 } from './id-generator';

describe('IdGenerator', () => {
  const ids = new IdGenerator();

  it('makes distinct random UUIDs', () => {
    const a = ids.uuid();
    expect(isUuid(a)).toBe(true);
    expect(ids.uuid()).not.toBe(a);
  });

  it('computes UUID v5 as RFC 9562 does (DNS namespace, www.example.com)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('derives the same command id for the same key and Idempotency-Key, different otherwise', () => {
    const first = ids.commandIdFor('key1', 'abc', 'f1');
    expect(ids.commandIdFor('key1', 'abc', 'f1')).toBe(first);
    expect(ids.commandIdFor('key2', 'abc', 'f1')).not.toBe(first);
    expect(ids.commandIdFor('key1', 'abd', 'f1')).not.toBe(first);
    // Another request under the same key is another command.
    expect(ids.commandIdFor('key1', 'abc', 'f2')).not.toBe(first);
  });

  it('derives event ids from a command id and an index', () => {
    const command = ids.uuid();
    expect(ids.eventId(command, 0)).toBe(ids.eventId(command, 0));
    expect(ids.eventId(command, 0)).not.toBe(ids.eventId(command, 1));
    expect(isUuid(ids.eventId(command, 3))).toBe(true);
    expect(() => ids.eventId(command, -1)).toThrow(RangeError);
  });
});
