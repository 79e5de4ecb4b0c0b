// firstInvalidUtf8Byte: where a body stops being UTF-8, for the 400 that names it.
import { firstInvalidUtf8Byte } from './json-body-parser';

const bytes = (...parts: (string | number[])[]): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('firstInvalidUtf8Byte', () => {
  it('is -1 for UTF-8 of every length, replacement characters sent as text included', () => {
    expect(firstInvalidUtf8Byte(bytes('{"title":"Café 三宝垄 🏛 \uFFFD"}'))).toBe(-1);
  });

  it('names the first byte that is not UTF-8, after characters of one to four bytes', () => {
    // given "a" (1), "é" (2), "三" (3) and "🏛" (4 bytes): the stray byte is at 10
    expect(firstInvalidUtf8Byte(bytes('aé三🏛', [0xe9], 'x'))).toBe(10);
    expect(firstInvalidUtf8Byte(bytes([0xff]))).toBe(0);
    // a sequence cut short
    expect(firstInvalidUtf8Byte(bytes('ab', [0xe4, 0xb8]))).toBe(2);
  });

  it('counts each replacement character sent as text as its three bytes, however many (one pass)', () => {
    const sent = '\uFFFD'.repeat(300_000);
    expect(firstInvalidUtf8Byte(bytes(sent, [0xc3, 0x28]))).toBe(900_000);
  });
});
