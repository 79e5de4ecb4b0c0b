// Numbers in query strings and paths: decimal digits only. class-transformer's Number() takes 0x10, 1e1, 3.0 and
// " 5" as numbers, so a client's typo would pass as another value.
import { Transform } from 'class-transformer';

const DECIMAL_DIGITS = /^(0|[1-9][0-9]{0,15})$/;

/**
 * Converts a string of decimal digits to a number and leaves anything else as it came, for @IsInt() to refuse.
 * Pure (the value alone decides), as RememberingValidationPipe requires of a query or param DTO.
 */
export const DecimalInteger = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' && DECIMAL_DIGITS.test(value) ? Number(value) : value));
