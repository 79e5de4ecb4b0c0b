// Canonical JSON: RFC 8785's own examples, and the same text as the `canonicalize` package on generated values.
import canonicalizeJcs from 'canonicalize';
import fc from 'fast-check';
import { canonicalize } from './canonical';

/** Strings of any UTF-16 code units: controls, quotes, backslashes, U+2028, paired and lone surrogates. */
const anyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', '\\', '\u2028', '\u007f', '\ud83d\ude00', 'é', '日'),
    fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
    fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' }),
  ),
  maxLength: 12,
});

const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    anyText,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(anyText, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('canonicalize', () => {
  it("writes RFC 8785's examples as the RFC does", () => {
    // RFC 8785 section 3.2.2 (numbers; its 333333333.33333329 is the double written here) and 3.2.3 (sorting by
    // UTF-16 code units).
    expect(canonicalize({ numbers: [333333333.3333333, 1e30, 4.5, 2e-3, 0.000000000000000000000000001], string: '€$\u000f\nA\'B"\\\\"/', literals: [null, true, false] })).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
    expect(canonicalize({ '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' })).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('gives the `canonicalize` package\'s text for any JSON value', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalize(value)).toBe(canonicalizeJcs(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('drops undefined members, writes undefined array elements as null, and follows toJSON', () => {
    const value = { b: undefined, a: [undefined, 1], d: new Date('2021-07-30T00:00:00Z'), c: { toJSON: () => 'x' } };
    expect(canonicalize(value)).toBe('{"a":[null,1],"c":"x","d":"2021-07-30T00:00:00.000Z"}');
    expect(canonicalize(value)).toBe(canonicalizeJcs(value));
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalize(undefined)).toThrow(TypeError);
    expect(() => canonicalize({ n: Number.NaN })).toThrow();
    expect(() => canonicalize([Number.POSITIVE_INFINITY])).toThrow();
    expect(() => canonicalize({ n: 1n })).toThrow(TypeError);
  });
});
