import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateBy, ValidateIf, ValidateNested, validateSync } from 'class-validator';
import fc from 'fast-check';
import fastify from 'fastify';
import { EntityParams, ReadQuery } from '../audit/read.request';
import { HistoryQuery } from '../audit/entity-history/entity-history.controller';
import { RequestValidationError } from './problem.exception';
import { createValidationPipe, memoizeValidationMetadata, REMEMBERED_PER_CLASS, RememberingValidationPipe, validationPipeOptions } from './validation.pipe';

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

describe('RememberingValidationPipe', () => {
  class Query {
    @IsOptional()
    @Matches(/^[a-z]{1,8}$/)
    name?: string;

    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    limit?: number;
  }
  const query: ArgumentMetadata = { type: 'query', metatype: Query };
  const body: ArgumentMetadata = { type: 'body', metatype: Query };
  const answer = async (pipe: ValidationPipe, value: unknown, metadata: ArgumentMetadata) => {
    try {
      const result = (await pipe.transform(value, metadata)) as object;
      return { ok: result instanceof Query, value: { ...result } };
    } catch (err) {
      if (!(err instanceof RequestValidationError)) throw err;
      return { error: err.errors };
    }
  };

  it('answers params and queries exactly as Nest\'s ValidationPipe does, asked again and again', async () => {
    // given a fresh pipe, and Nest's ValidationPipe with the same options
    const remembering = createValidationPipe();
    const reference = new ValidationPipe(validationPipeOptions());
    expect(remembering).toBeInstanceOf(RememberingValidationPipe);
    const word = fc.oneof(fc.constantFrom('abc', 'x', '7', '0', '-1', '2.5', 'abcdefghi', ''), fc.string({ maxLength: 10 }));
    const values = fc.dictionary(fc.constantFrom('name', 'limit', 'extra'), word, { maxKeys: 3 });
    await fc.assert(
      fc.asyncProperty(values, async (value) => {
        // when each is answered twice by the remembering pipe
        const first = await answer(remembering, { ...value }, query);
        const second = await answer(remembering, { ...value }, query);
        // then both answers are those of a pipe without memory (errors by field and instances alike)
        const expected = await answer(reference, { ...value }, query);
        expect(first).toEqual(expected);
        expect(second).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('gives each request its own instance, validates bodies every time, remembers no failure, and forgets past its bound', async () => {
    // given a fresh pipe, counting the validations it runs
    const pipe = createValidationPipe();
    const validations = jest.spyOn(pipe as unknown as { validate: (...args: unknown[]) => unknown }, 'validate');
    const checks = () => validations.mock.calls.length;
    // when the same query is validated twice, then the rules ran once and each answer is its own object
    const a = (await pipe.transform({ name: 'abc', limit: '5' }, query)) as Query;
    (a as { name?: string }).name = 'changed';
    const b = (await pipe.transform({ name: 'abc', limit: '5' }, query)) as Query;
    expect(b).toEqual(Object.assign(new Query(), { name: 'abc', limit: 5 }));
    expect(b).not.toBe(a);
    expect(checks()).toBe(1);
    // a body is validated every time
    await pipe.transform({ name: 'abc' }, body);
    await pipe.transform({ name: 'abc' }, body);
    expect(checks()).toBe(3);
    // a failure is not remembered
    await expect(pipe.transform({ name: 'ABC' }, query)).rejects.toBeInstanceOf(RequestValidationError);
    await expect(pipe.transform({ name: 'ABC' }, query)).rejects.toBeInstanceOf(RequestValidationError);
    expect(checks()).toBe(5);
    // Fastify's own query and params records (prototype-less classes) are remembered like plain objects
    const parsed = await fastifyRecords('/router?name=fastify&limit=7');
    validations.mockClear();
    for (let i = 0; i < 2; i++) {
      await pipe.transform(parsed.query, query);
      await pipe.transform(parsed.params, { type: 'param', metatype: Query });
    }
    expect(checks()).toBe(2);
    // past REMEMBERED_PER_CLASS answers the class's memory starts again
    for (let i = 0; i < REMEMBERED_PER_CLASS; i++) await pipe.transform({ limit: String(i + 1) }, query);
    validations.mockClear();
    await pipe.transform({ name: 'abc', limit: '5' }, query);
    expect(checks()).toBe(1);
  });

  it('remembers the answers for the read routes\' own params and queries', async () => {
    // given the DTOs of an entity read and of a history read
    const pipe = createValidationPipe();
    const validations = jest.spyOn(pipe as unknown as { validate: (...args: unknown[]) => unknown }, 'validate');
    // when each is validated twice with the same values, then each was validated once
    for (let i = 0; i < 2; i++) {
      await pipe.transform({ collection: 'plans', id: 'semarang-2021' }, { type: 'param', metatype: EntityParams });
      await pipe.transform({ asOf: '2022-03-01' }, { type: 'query', metatype: ReadQuery });
      await pipe.transform({ fromRevision: '2', limit: '10' }, { type: 'query', metatype: HistoryQuery });
    }
    expect(validations).toHaveBeenCalledTimes(3);
  });

  it('validates every time a class with a rule that may read more than the value (a condition, a custom validator)', async () => {
    // given DTOs whose rules call our code: a @ValidateIf condition, a validator of our own
    let conditions = 0;
    class Conditional {
      @ValidateIf(() => ++conditions > 0)
      @Matches(/^[a-z]+$/)
      name!: string;
    }
    let customs = 0;
    class Custom {
      @ValidateBy({ name: 'isToday', validator: { validate: () => ++customs > 0 } })
      day!: string;
    }
    const pipe = createValidationPipe();
    // when each is validated twice with the same query
    for (let i = 0; i < 2; i++) {
      await pipe.transform({ name: 'abc' }, { type: 'query', metatype: Conditional });
      await pipe.transform({ day: '2022-01-01' }, { type: 'query', metatype: Custom });
    }
    // then its rules ran both times
    expect(conditions).toBe(2);
    expect(customs).toBe(2);
  });
});

/** The query and params objects Fastify hands to a route (their classes have prototypes without a prototype). */
async function fastifyRecords(url: string): Promise<{ query: object; params: object }> {
  const app = fastify();
  let records: { query: object; params: object } | undefined;
  app.get('/:name', (request, reply) => {
    records = { query: request.query as object, params: request.params as object };
    void reply.send('ok');
  });
  await app.inject({ url });
  await app.close();
  expect(Object.getPrototypeOf(records!.params)).not.toBe(Object.prototype);
  expect(Object.getPrototypeOf(records!.query)).not.toBe(Object.prototype);
  return records!;
}

describe('the messages of an invalid body', () => {
  class Minutes {
    @IsString() url!: string;
  }
  class Meeting {
    @IsString() @MinLength(1) @MaxLength(300) title!: string;
    @IsOptional() @ValidateNested({ each: true }) @Type(() => Minutes) minutes?: Minutes[];
    @IsInt() @Min(2016) @Max(2100) cohort!: number;
    @IsOptional() @IsString() note?: string;
    @IsString() @MinLength(3) @MaxLength(5) code!: string;
  }
  const errorsOf = async (body: object) => {
    try {
      await createValidationPipe().transform(body, { type: 'body', metatype: Meeting });
      return {};
    } catch (err) {
      if (!(err instanceof RequestValidationError)) throw err;
      return err.errors;
    }
  };

  it('says a missing field is required, instead of listing every rule it would have had to meet', async () => {
    expect(await errorsOf({ cohort: 2020, code: 'abc' })).toEqual({ title: ['title is required'] });
  });

  it('says only which type a field must have when it has another, and every rule a value of that type breaks', async () => {
    expect(await errorsOf({ title: 'x', cohort: '2020', code: 'ab' })).toEqual({
      cohort: ['cohort must be an integer number'],
      code: ['code must be longer than or equal to 3 characters'],
    });
  });

  it('names a nested field by its path, and says it is required in its own words', async () => {
    expect(await errorsOf({ title: 'x', cohort: 2020, code: 'abc', minutes: [{ url: 'https://x.org' }, {}] })).toEqual({ 'minutes.1.url': ['url is required'] });
  });

  it('still names an unknown property as not allowed', async () => {
    expect(await errorsOf({ title: 'x', cohort: 2020, code: 'abc', status: 'Active' })).toEqual({ status: ['property status should not exist'] });
  });
});

describe('the messages of a list of the wrong size', () => {
  class Endorsement {
    @IsArray() @ArrayMinSize(1) @ArrayMaxSize(3) endorsedBy!: string[];
    @IsOptional() @IsArray() @ArrayMinSize(2) @ArrayMaxSize(1) pair?: string[];
    @IsOptional() @IsArray() @ArrayMinSize(1, { message: 'partners: name one at least' }) partners?: string[];
  }
  const errorsOf = async (body: object) => {
    try {
      await createValidationPipe().transform(body, { type: 'body', metatype: Endorsement });
      return {};
    } catch (err) {
      if (!(err instanceof RequestValidationError)) throw err;
      return err.errors;
    }
  };

  it('counts items, one or more, instead of class-validator\'s "at least 1 elements"', async () => {
    expect(await errorsOf({ endorsedBy: [] })).toEqual({ endorsedBy: ['endorsedBy must contain at least one item'] });
    expect(await errorsOf({ endorsedBy: ['a', 'b', 'c', 'd'] })).toEqual({ endorsedBy: ['endorsedBy must contain at most 3 items'] });
    expect(await errorsOf({ endorsedBy: ['a'], pair: [] })).toEqual({ pair: ['pair must contain at least 2 items'] });
    expect(await errorsOf({ endorsedBy: ['a'], pair: ['a', 'b'] })).toEqual({ pair: ['pair must contain at most one item'] });
  });

  it('keeps an author\'s own message', async () => {
    expect(await errorsOf({ endorsedBy: ['a'], partners: [] })).toEqual({ partners: ['partners: name one at least'] });
  });
});
