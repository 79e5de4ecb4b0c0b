// The rules on the characters of a request's text: one line (titles, names, urls, ids) or prose (narratives, reasons),
// and in both, no bidirectional override left open.
import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Control characters (C0, DEL and C1: Unicode's Cc) and the line and paragraph separators: in a name they could move
 * the cursor, recolour a terminal or start a line of their own, forging rows of a listing or a CSV export. Also the
 * CLI's rule for key names.
 */
export const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]/gu;

/** The same characters, one is enough to refuse (no `g`: test() must not carry lastIndex from one value to the next). */
const ONE_LINE_REFUSES = new RegExp(CONTROL_CHARACTERS.source, 'u');
/** Prose keeps its line breaks (\n, \r, U+2028, U+2029) and tabs; every other control character is refused. */
const PROSE_REFUSES = /[^\P{Cc}\t\n\r]/u;

/**
 * Bidirectional embeddings and overrides (LRE, RLE, LRO, RLO, closed by PDF) and isolates (LRI, RLI, FSI, closed by
 * PDI). Right-to-left text may use them, nested and closed; left open, an override reverses what is shown after the
 * field (the next cells of a CSV row, the rest of a listing) and makes a title read otherwise than it is stored.
 */
const EMBEDDING_OPENERS = '\u202A\u202B\u202D\u202E';
const POP_DIRECTIONAL_FORMATTING = '\u202C';
const ISOLATE_OPENERS = '\u2066\u2067\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';
/** Every bidi formatting character above, for escaping them where text is printed (the CLI's `keys list`). */
export const BIDI_FORMATTING = /[\u202A-\u202E\u2066-\u2069]/gu;
/**
 * What ends every embedding and isolate (Unicode's bidi class B; its other members, U+001C-U+001E and U+0085, are
 * control characters no text takes): each paragraph is checked on its own.
 */
const PARAGRAPH_ENDS = /[\n\r\u2029]/u;

/** True when some paragraph of the text leaves a bidi embedding, override or isolate open, or closes one never opened. */
export function hasUnbalancedBidi(text: string): boolean {
  return text.split(PARAGRAPH_ENDS).some((paragraph) => {
    const open: string[] = [];
    for (const c of paragraph) {
      if (EMBEDDING_OPENERS.includes(c)) open.push(POP_DIRECTIONAL_FORMATTING);
      else if (ISOLATE_OPENERS.includes(c)) open.push(POP_DIRECTIONAL_ISOLATE);
      else if (c === POP_DIRECTIONAL_FORMATTING || c === POP_DIRECTIONAL_ISOLATE) {
        if (open.pop() !== c) return true;
      }
    }
    return open.length > 0;
  });
}

/** Names of the two rules, as class-validator reports them (ValidationError.constraints keys). */
export const SINGLE_LINE_TEXT = 'singleLineText';
export const MULTI_LINE_TEXT = 'multiLineText';

/** Leaves values other than strings to the property's type rule (@IsString, @IsUrl), which names the type. */
function refusing(pattern: RegExp): (value: unknown) => boolean {
  return (value) => typeof value !== 'string' || (!pattern.test(value) && !hasUnbalancedBidi(value));
}

const UNBALANCED_BIDI_MESSAGE = 'must close every bidirectional embedding, override or isolate it opens (U+202A to U+202E, U+2066 to U+2069)';

/** The message for what was refused: the control characters', else the bidi rule's (a list's items are all looked at). */
function messageOf(pattern: RegExp, controlsMessage: string, options?: ValidationOptions) {
  return buildMessage((each, args) => {
    const values: unknown[] = Array.isArray(args?.value) ? args.value : [args?.value];
    const control = values.some((value) => typeof value === 'string' && pattern.test(value));
    return `${each}$property ${control ? controlsMessage : UNBALANCED_BIDI_MESSAGE}`;
  }, options);
}

/**
 * One line of text without control characters, its bidi formatting closed: a title, a name, a url, an id. With
 * `{ each: true }` on a list. Message: "title must not contain control characters or line breaks".
 */
export function SingleLineText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: SINGLE_LINE_TEXT,
      validator: {
        validate: refusing(ONE_LINE_REFUSES),
        defaultMessage: messageOf(ONE_LINE_REFUSES, 'must not contain control characters or line breaks', options),
      },
    },
    options,
  );
}

/**
 * Prose (a narrative, a reason): line breaks and tabs allowed, other control characters (NUL, ESC, DEL, C1) refused,
 * each paragraph's bidi formatting closed. Message: "narrative must not contain control characters other than line
 * breaks and tabs".
 */
export function MultiLineText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: MULTI_LINE_TEXT,
      validator: {
        validate: refusing(PROSE_REFUSES),
        defaultMessage: messageOf(PROSE_REFUSES, 'must not contain control characters other than line breaks and tabs', options),
      },
    },
    options,
  );
}
