// What to tell a person of one field that class-validator refused: a request's body field, or a variable's value.
import type { ValidationError } from 'class-validator';

/** Rules on a value's type: when one fails, the value's other rules (length, range, size) say nothing useful. */
const TYPE_RULES = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject', 'isDefined']);

/** class-validator's own wording of its presence rules; an author's message on one says more (e.g. when). */
const DEFAULT_PRESENCE_MESSAGE = /should not be (empty|null or undefined)$/;

/**
 * That the field is required when it is absent (rather than every rule it would have had to meet), the type it must
 * have when it has another, and otherwise every rule it breaks.
 */
export function fieldMessages(error: ValidationError): string[] {
  const constraints = error.constraints ?? {};
  const rules = Object.keys(constraints);
  if (rules.length === 0) return [];
  if (error.value === undefined && !rules.includes('whitelistValidation')) {
    const authored = [constraints.isDefined, constraints.isNotEmpty].find((message) => message !== undefined && !DEFAULT_PRESENCE_MESSAGE.test(message));
    return [authored ?? `${error.property} is required`];
  }
  const typeRules = rules.filter((rule) => TYPE_RULES.has(rule));
  return (typeRules.length > 0 ? typeRules : rules).map((rule) => constraints[rule]!);
}
