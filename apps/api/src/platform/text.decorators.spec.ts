import { validateSync } from 'class-validator';
import { CONTROL_CHARACTERS, MultiLineText, SingleLineText } from './text.decorators';

class Titled {
  @SingleLineText() title!: unknown;
}

class Named {
  @SingleLineText({ each: true }) names!: unknown;
}

class Narrated {
  @MultiLineText() narrative!: unknown;
}

function messagesOf(target: object): string[] {
  return validateSync(target).flatMap((e) => Object.values(e.constraints ?? {}));
}

const titled = (title: unknown) => Object.assign(new Titled(), { title });
const narrated = (narrative: unknown) => Object.assign(new Narrated(), { narrative });

/** Every C0 and C1 control character and DEL, as the brief of finding 17 lists them. */
const C0_DEL_C1 = [...Array.from({ length: 0x20 }, (_, i) => i), ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i)].map((c) => String.fromCharCode(c));

describe('SingleLineText', () => {
  it('refuses every C0 and C1 control character, DEL and the line and paragraph separators, naming the field', () => {
    for (const c of [...C0_DEL_C1, '\u2028', '\u2029']) {
      expect(messagesOf(titled(`Publish the standard${c}`))).toEqual(['title must not contain control characters or line breaks']);
    }
  });

  it('takes letters of any script, punctuation and spaces', () => {
    expect(messagesOf(titled('Sosialisasi Perwal “Satu Data” – tahap 2 (Kota Semarang) · 三宝垄'))).toEqual([]);
  });

  it('leaves a value that is not a string to the type rule', () => {
    expect(messagesOf(titled(5))).toEqual([]);
  });

  it('refuses a control character in any item of a list, naming the list', () => {
    const named = Object.assign(new Named(), { names: ['PATTIRO Semarang', 'TII\u0000'] });
    expect(messagesOf(named)).toEqual(['each value in names must not contain control characters or line breaks']);
  });

  it('holds no state between values (a global pattern\'s lastIndex would let every other one through)', () => {
    expect([1, 2, 3].map(() => messagesOf(titled('a\nb')).length)).toEqual([1, 1, 1]);
  });
});

describe('MultiLineText', () => {
  it('takes line breaks (\\n, \\r\\n, U+2028) and tabs', () => {
    expect(messagesOf(narrated('Standard published.\r\nLists:\n\t12 of 16 agencies\u2028done'))).toEqual([]);
  });

  it('refuses the other control characters (NUL, ESC, DEL, C1), naming the field', () => {
    for (const c of C0_DEL_C1.filter((c) => !'\t\n\r'.includes(c))) {
      expect(messagesOf(narrated(`Standard published${c}`))).toEqual(['narrative must not contain control characters other than line breaks and tabs']);
    }
  });
});

describe('CONTROL_CHARACTERS', () => {
  it('is the class the CLI escapes in key names: Unicode Cc and the line and paragraph separators', () => {
    expect('a\u0000b\u009fc\u2028d é'.replace(CONTROL_CHARACTERS, '?')).toBe('a?b?c?d é');
  });
});

describe('bidirectional formatting', () => {
  const RLO = '\u202E';
  const PDF = '\u202C';
  const RLI = '\u2067';
  const PDI = '\u2069';
  const bidiMessage = 'must close every bidirectional embedding, override or isolate it opens (U+202A to U+202E, U+2066 to U+2069)';

  it('refuses an override left open in a title (it would reverse what is shown after it)', () => {
    expect(messagesOf(titled(`Open data portal ${RLO}evitaitini`))).toEqual([`title ${bidiMessage}`]);
  });

  it('refuses a closer with nothing open, and crossed nesting', () => {
    expect(messagesOf(titled(`Open data${PDF}`))).toEqual([`title ${bidiMessage}`]);
    expect(messagesOf(titled(`${RLI}a${RLO}b${PDI}c${PDF}`))).toEqual([`title ${bidiMessage}`]);
  });

  it('takes right-to-left text whose isolates and overrides are closed, nested or not', () => {
    expect(messagesOf(titled(`Portal ${RLI}بوابة البيانات${PDI} and ${RLO}abc${PDF}`))).toEqual([]);
    expect(messagesOf(titled(`${RLI}a${RLO}b${PDF}c${PDI}`))).toEqual([]);
  });

  it('checks each paragraph of prose on its own: a line break does not close what a line opened', () => {
    expect(messagesOf(narrated(`Line one ${RLO}opened\nline two${PDF}`))).toEqual([`narrative ${bidiMessage}`]);
    expect(messagesOf(narrated(`${RLI}one${PDI}\n${RLO}two${PDF}`))).toEqual([]);
  });

  it('names the control character rule when a value breaks both', () => {
    expect(messagesOf(titled(`a\u0000${RLO}`))).toEqual(['title must not contain control characters or line breaks']);
  });

  it('looks at every item of a list', () => {
    const named = Object.assign(new Named(), { names: ['PATTIRO Semarang', `TII${RLO}`] });
    expect(messagesOf(named)).toEqual([`each value in names ${bidiMessage}`]);
  });
});
