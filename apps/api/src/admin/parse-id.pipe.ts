// Path parameter validation: an id in the URL must match the domain's pattern for its kind, else a 400 problem.
import { Injectable, type PipeTransform } from '@nestjs/common';
import { ID_PATTERNS, isIdOf, type IdKind } from '@ogp/domain';
import { ID_EXAMPLES } from '../platform/id-examples';
import { RequestValidationError } from '../platform/problem.exception';

@Injectable()
export class ParseIdPipe implements PipeTransform<unknown, string> {
  constructor(private readonly kind: IdKind) {}

  transform(value: unknown): string {
    if (isIdOf(this.kind, value)) return value;
    throw new RequestValidationError({ [`${this.kind}Id`]: [idMessage(this.kind)] });
  }
}

/** What an id of this kind looks like; a generated id is to be copied from the answer that created its entity. */
function idMessage(kind: IdKind): string {
  const { maxLength } = ID_PATTERNS[kind];
  const origin = kind === 'member' ? '' : ', as the command that created it answered in ids';
  return `must be a ${kind} id${origin} (lowercase letters, digits and dashes, at most ${maxLength} characters, e.g. ${ID_EXAMPLES[kind]})`;
}

/** `@Param('planId', idOf('plan'))`: validates the parameter against the plan id pattern. */
export const idOf = (kind: IdKind): ParseIdPipe => new ParseIdPipe(kind);
