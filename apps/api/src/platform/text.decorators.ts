// The rules on the characters of a request's text: one line (titles, names, urls, ids) or prose (narratives, reasons).
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

/** Names of the two rules, as class-validator reports them (ValidationError.constraints keys). */
export const SINGLE_LINE_TEXT = 'singleLineText';
export const MULTI_LINE_TEXT = 'multiLineText';

/** Leaves values other than strings to the property's type rule (@IsString, @IsUrl), which names the type. */
function refusing(pattern: RegExp): (value: unknown) => boolean {
  return (value) => typeof value !== 'string' || !pattern.test(value);
}

/**
 * One line of text without control characters: a title, a name, a url, an id. With `{ each: true }` on a list.
 * Message: "title must not contain control characters or line breaks".
 */
export function SingleLineText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: SINGLE_LINE_TEXT,
      validator: {
        validate: refusing(ONE_LINE_REFUSES),
        defaultMessage: buildMessage((each) => `${each}$property must not contain control characters or line breaks`, options),
      },
    },
    options,
  );
}

/**
 * Prose (a narrative, a reason): line breaks and tabs allowed, other control characters (NUL, ESC, DEL, C1) refused.
 * Message: "narrative must not contain control characters other than line breaks and tabs".
 */
export function MultiLineText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: MULTI_LINE_TEXT,
      validator: {
        validate: refusing(PROSE_REFUSES),
        defaultMessage: buildMessage((each) => `${each}$property must not contain control characters other than line breaks and tabs`, options),
      },
    },
    options,
  );
}
