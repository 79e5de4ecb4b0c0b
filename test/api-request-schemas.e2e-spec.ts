// The request body schemas of /docs-json hold what the server's validators enforce: a client that validates a body
// against the document, or is generated from it, refuses what the server would refuse with 400, and the documented
// examples pass.
import type { OpenAPIObject } from '@nestjs/swagger';
import Ajv, { type ValidateFunction } from 'ajv';
import request from 'supertest';
import { patternOf, requestBodyClasses, validationRulesOf, type RequestClass, type ValidationRule } from '../apps/api/src/platform/openapi-requests';
import { ID_EXAMPLES } from '../apps/api/src/platform/id-examples';
import { startCommandApi, type CommandApi } from './command-api.fixtures';

interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly example?: unknown;
  readonly pattern?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly items?: Schema;
  readonly allOf?: readonly Schema[];
  readonly [keyword: string]: unknown;
}

interface BodyContent {
  readonly schema: Schema;
  readonly example?: unknown;
  readonly examples?: Readonly<Record<string, { readonly value: unknown }>>;
}

interface Document {
  readonly paths: Readonly<Record<string, Readonly<Record<string, { readonly requestBody?: { readonly content: Record<string, BodyContent> } }>>>>;
  readonly components: { readonly schemas: Readonly<Record<string, Schema>> };
}

const nameOf = (ref: string): string => ref.split('/').at(-1)!;

/** Swagger UI's sample of a schema: its example, else its properties' samples, else a placeholder of its type. */
function sample(document: Document, schema: Schema): unknown {
  if (schema.$ref !== undefined) return sample(document, document.components.schemas[nameOf(schema.$ref)]!);
  if (schema.example !== undefined) return schema.example;
  if (schema.allOf !== undefined) return Object.assign({}, ...schema.allOf.map((part) => sample(document, part)));
  if (schema.properties !== undefined) return Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, sample(document, property)]));
  if (schema.type === 'array' && schema.items !== undefined) return [sample(document, schema.items)];
  return { string: 'string', number: 0, integer: 0, boolean: true }[schema.type ?? 'string'];
}

/** The component schemas a schema names, directly, as items or in an allOf, and theirs in turn. */
function namedFrom(document: Document, schema: Schema, into: Set<string>): Set<string> {
  if (schema.$ref !== undefined) {
    const name = nameOf(schema.$ref);
    if (!into.has(name)) namedFrom(document, document.components.schemas[name]!, into.add(name));
  }
  for (const part of [...Object.values(schema.properties ?? {}), ...(schema.items === undefined ? [] : [schema.items]), ...(schema.allOf ?? [])]) namedFrom(document, part, into);
  return into;
}

/** The schema keyword each validation rule stands for, and the value the rule enforces. */
function keywordOf(rule: ValidationRule): [string, unknown] | undefined {
  const [first] = (rule.constraints ?? []) as unknown[];
  switch (rule.name) {
    case 'matches':
      return ['pattern', patternOf(rule)];
    case 'isInt':
      return ['type', 'integer'];
    case 'min':
      return ['minimum', first];
    case 'max':
      return ['maximum', first];
    case 'minLength':
      return ['minLength', first];
    case 'maxLength':
      return ['maxLength', first];
    case 'isIn':
      return ['enum', first];
    case 'isUrl':
      return ['format', 'uri'];
    default:
      return undefined;
  }
}

/**
 * Properties whose documented keyword differs from the rule on purpose: sha256 is lowercased (@Transform) before
 * @Matches(/^[0-9a-f]{64}$/) sees it, so the document rightly admits upper-case hex.
 */
const DOCUMENTED_OTHERWISE = new Set(['EvidenceRequest.sha256.pattern']);

describe('the request body schemas of /docs-json (e2e)', () => {
  let api: CommandApi;
  let document: Document;
  let classes: Map<string, RequestClass>;
  let adminKey: string;
  const ajv = new Ajv({ strict: false, allErrors: true, formats: { uri: (value: string) => URL.canParse(value) } });
  const validator = (name: string): ValidateFunction => ajv.getSchema(`docs#/components/schemas/${name}`)!;

  beforeAll(async () => {
    api = await startCommandApi();
    adminKey = await api.key({ role: 'admin', name: 'Semarang OGP team' });
    document = (await request(api.http).get('/docs-json').expect(200)).body as Document;
    classes = requestBodyClasses(api.app, document as unknown as OpenAPIObject);
    ajv.addSchema(document, 'docs');
  });
  afterAll(() => api.close());

  /** Every JSON request body of the document, by route. */
  const bodies = (): [string, BodyContent][] =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, operation]) => {
        const content = operation.requestBody?.content['application/json'];
        return content === undefined ? [] : [[`${method.toUpperCase()} ${path}`, content] as [string, BodyContent]];
      }),
    );

  it('knows the class of every request body schema and of every schema nested in one', () => {
    const named = new Set<string>();
    for (const [, content] of bodies()) namedFrom(document, content.schema, named);
    expect(named.size).toBeGreaterThan(20);
    expect([...classes.keys()].sort()).toEqual([...named].sort());
  });

  it('documents each rule of a body class on its property (or its items, for a rule on each item)', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const [name, target] of classes) {
      for (const rule of validationRulesOf(target)) {
        const keyword = keywordOf(rule);
        if (keyword === undefined) continue;
        const property = document.components.schemas[name]?.properties?.[rule.propertyName];
        const schema = rule.each ? property?.items : property;
        const [word, value] = keyword;
        checked += 1;
        if (!DOCUMENTED_OTHERWISE.has(`${name}.${rule.propertyName}.${word}`) && JSON.stringify(schema?.[word]) !== JSON.stringify(value)) {
          missing.push(`${name}.${rule.propertyName}${rule.each ? '[]' : ''}: ${word} ${JSON.stringify(schema?.[word])}, the server: ${JSON.stringify(value)}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it('states every @Matches pattern of a body class, so that a new field is covered too', () => {
    const patterns = [...classes].flatMap(([name, target]) =>
      validationRulesOf(target)
        .filter((rule) => rule.name === 'matches' && !DOCUMENTED_OTHERWISE.has(`${name}.${rule.propertyName}.pattern`))
        .map((rule) => [`${name}.${rule.propertyName}`, document.components.schemas[name]?.properties?.[rule.propertyName]?.pattern, patternOf(rule)]),
    );
    expect(patterns.length).toBeGreaterThan(20);
    expect(patterns.filter(([, documented, enforced]) => documented !== enforced)).toEqual([]);
  });

  it('gives country the server\'s ISO 3166-1 alpha-2 pattern and cohort an integer type with its bounds', () => {
    const member = document.components.schemas.RegisterMemberRequest!.properties!;
    const country = new RegExp(member.country!.pattern!, 'u');
    expect(['Indonesia', 'id', 'IDN', ''].filter((value) => country.test(value))).toEqual([]);
    expect(country.test('ID')).toBe(true);
    expect(member.cohort).toMatchObject({ type: 'integer', minimum: 2016, maximum: 2100 });
  });

  it('describes urls as http(s) and time zones as IANA zones', () => {
    const { EvidenceRequest, RegisterMemberRequest } = document.components.schemas;
    expect(EvidenceRequest!.properties!.url).toMatchObject({ format: 'uri', description: expect.stringContaining('https://') as unknown });
    expect(RegisterMemberRequest!.properties!.timeZone!.description).toContain('IANA');
  });

  it('accepts every documented example body (the route\'s examples, else one built from the property examples)', () => {
    const refused: string[] = [];
    for (const [route, content] of bodies()) {
      const name = nameOf(content.schema.$ref!);
      const examples = content.example !== undefined ? [content.example] : Object.values(content.examples ?? {}).map((e) => e.value);
      for (const body of examples.length > 0 ? examples : [sample(document, content.schema)]) {
        const validate = validator(name);
        if (!validate(body)) refused.push(`${route}: ${ajv.errorsText(validate.errors)}`);
      }
    }
    expect(refused).toEqual([]);
  });

  describe('refuses, as the server does with 400, a body that', () => {
    const member = (): Record<string, unknown> => sample(document, { $ref: '#/components/schemas/RegisterMemberRequest' }) as Record<string, unknown>;
    const claim = (): Record<string, unknown> => ({ ...(document.paths['/admin/commitments/{commitmentId}/claims']!.post!.requestBody!.content['application/json']!.examples!['a new claim']!.value as object) });

    it.each([
      ['names a country in words', () => ({ ...member(), country: 'Indonesia' })],
      ['gives a country in lower case', () => ({ ...member(), country: 'id' })],
      ['gives a fractional cohort', () => ({ ...member(), cohort: 2020.5 })],
      ['gives a member id that is not a slug', () => ({ ...member(), memberId: 'Semarang City' })],
      ['has a property the class does not list', () => ({ ...member(), extra: 1 })],
    ])('%s (RegisterMemberRequest)', async (_case, body) => {
      const validate = validator('RegisterMemberRequest');
      expect(validate(body())).toBe(false);
      const answer = await request(api.http).post('/admin/members').set('Authorization', `Bearer ${adminKey}`).send(body()).expect(400);
      expect(answer.body).toMatchObject({ code: 'validation-failed' });
    });

    it.each([
      ['gives a date without leading zeros', () => ({ ...claim(), asOf: '2022-6-30' })],
      ['gives a milestone id with capitals', () => ({ ...claim(), milestoneId: 'M1' })],
      ['gives evidence whose url is not http(s)', () => ({ ...claim(), evidence: [{ url: 'ftp://ppid.semarangkota.go.id/x', title: 'x' }] })],
    ])('%s (ReportProgressRequest)', async (_case, body) => {
      const validate = validator('ReportProgressRequest');
      expect(validate(body())).toBe(false);
      const answer = await request(api.http).post(`/admin/commitments/${ID_EXAMPLES.commitment}/claims`).set('Authorization', `Bearer ${adminKey}`).send(body()).expect(400);
      expect(answer.body).toMatchObject({ code: 'validation-failed' });
    });

    it('but not the documented examples, which both the schema and the server accept', async () => {
      expect(validator('RegisterMemberRequest')(member())).toBe(true);
      expect(validator('ReportProgressRequest')(claim())).toBe(true);
      await request(api.http).post('/admin/members').set('Authorization', `Bearer ${adminKey}`).send(member()).expect(201);
    });
  });
});
