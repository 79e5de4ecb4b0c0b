// Path parameter validation: an id in the URL must match the domain's pattern for its kind, else a 400 problem.
import { Injectable, type PipeTransform } from '@nestjs/common';
import { ID_PATTERNS, isIdOf, type IdKind } from '@ogp/domain';
import { RequestValidationError } from '../platform/problem.exception';

@Injectable()
export class ParseIdPipe implements PipeTransform<unknown, string> {
  constructor(private readonly kind: IdKind) {}

  transform(value: unknown): string {
    if (isIdOf(this.kind, value)) return value;
    const { maxLength, example } = ID_PATTERNS[this.kind];
    throw new RequestValidationError({ [`${this.kind}Id`]: [`must be a ${this.kind} id (lowercase letters, digits and dashes, at most ${maxLength} characters, e.g. ${example})`] });
  }
}

/** `@Param('planId', idOf('plan'))`: validates the parameter against the plan id pattern. */
export const idOf = (kind: IdKind): ParseIdPipe => new ParseIdPipe(kind);
