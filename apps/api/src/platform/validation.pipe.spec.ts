import { IsInt, IsString, Min, validateSync } from 'class-validator';
import { memoizeValidationMetadata } from './validation.pipe';

class Base {
  @IsString() title!: string;
}

class Derived extends Base {
  @IsInt() @Min(1) count!: number;
}

function errorsOf(value: object): string[] {
  return validateSync(value, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }).map((e) => String(e.property)).sort();
}

describe('memoizeValidationMetadata', () => {
  it('validates exactly as before: own and inherited rules, whitelist, unknown values', () => {
    // given the answers of the unmemoized storage
    const cases = [
      Object.assign(new Derived(), { title: 'ok', count: 2 }),
      Object.assign(new Derived(), { title: 3, count: 0 }),
      Object.assign(new Derived(), { title: 'ok', count: 1, extra: true }),
      Object.assign(new Base(), { title: 'ok' }),
      {},
    ];
    const before = cases.map(errorsOf);
    // when memoized (twice: the second call changes nothing)
    memoizeValidationMetadata();
    memoizeValidationMetadata();
    // then every answer is the same, asked twice
    expect(cases.map(errorsOf)).toEqual(before);
    expect(cases.map(errorsOf)).toEqual(before);
    expect(before).toEqual([[], ['count', 'title'], ['extra'], [], ['undefined']]);
  });

  it('sees rules of classes declared after memoizing', () => {
    // given a memoized storage that has already answered for Base
    memoizeValidationMetadata();
    expect(errorsOf(Object.assign(new Base(), { title: 'ok' }))).toEqual([]);
    // when a subclass is declared afterwards
    class Later extends Base {
      @IsInt() late!: number;
    }
    // then its own rule and the inherited one apply
    expect(errorsOf(Object.assign(new Later(), { title: 1, late: 'x' }))).toEqual(['late', 'title']);
  });
});
