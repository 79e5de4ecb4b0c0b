// Every read documented in /docs-json, called over the Semarang demo and its JSON answer validated against the
// route's 200 schema: a field added to an answer, or one whose type changes, fails here until the schema says so.
import type { Server } from 'node:http';
import { SEMARANG_DEMO } from '@ogp/domain';
import Ajv, { type ValidateFunction } from 'ajv';
import request from 'supertest';
import { startSeededApi, type SeededApi } from './seeded-api.fixtures';

const script = SEMARANG_DEMO.map((step) => ({ ...step, at: new Date(step.at).toISOString() }));

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
type Schema = Record<string, unknown>;
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** GET routes that answer no JSON (text, CSV, NDJSON). */
const NOT_READS: Readonly<Record<string, string>> = {
  '/audit/export': 'CSV or NDJSON, streamed',
  '/metrics': 'Prometheus text',
};

/** Component schemas whose keys are open on purpose: an event's metadata keeps whatever a writer adds. */
const OPEN_SCHEMAS = new Set(['EventMetadataResponse']);

/** OpenAPI 3.0's `nullable` as JSON Schema: the schema, or null (also for a nullable $ref wrapped in allOf, or an enum). */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (typeof value !== 'object' || value === null) return value;
  const converted = Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, key === 'example' ? inner : toJsonSchema(inner)]));
  if (typeof converted.$ref === 'string') converted.$ref = converted.$ref.replace(/^#\/components\//, 'doc#/components/');
  if (converted.nullable !== true) return converted;
  const { nullable: _nullable, description, ...schema } = converted;
  return { description, anyOf: [schema, { type: 'null' }] };
}

function schemaOf(document: Document, path: string): Schema | undefined {
  return document.paths[path]?.get?.responses['200']?.content?.['application/json']?.schema;
}

/** The component schemas a schema reaches, through $refs at any depth. */
function reachable(document: Document, schema: unknown, seen = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((s) => reachable(document, s, seen));
  else if (typeof schema === 'object' && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref' && typeof value === 'string') {
        const name = value.split('/').at(-1)!;
        if (!seen.has(name)) {
          seen.add(name);
          reachable(document, document.components.schemas[name], seen);
        }
      } else if (key !== 'example') reachable(document, value, seen);
    }
  }
  return seen;
}

describe('read answers against their /docs-json schemas (e2e, Semarang)', () => {
  let seeded: SeededApi;
  let http: Server;
  let document: Document;
  let ajv: Ajv;
  /** Documented path -> the requests made of it (path params and query filled from the demo). */
  let calls: Record<string, string[]>;
  const auth = () => ({ Authorization: `Bearer ${seeded.auditor}` });
  const validatorOf = (path: string): ValidateFunction => ajv.compile(toJsonSchema(schemaOf(document, path)) as Schema);

  beforeAll(async () => {
    seeded = await startSeededApi(script);
    http = seeded.http;
    document = (await request(http).get('/docs-json')).body as Document;
    ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema(toJsonSchema({ components: document.components }) as Schema, 'doc');
    // The ledger's proofs and bundles need a signed checkpoint.
    const signed = await request(http).post('/ledger/checkpoints').set(auth()).set('Idempotency-Key', 'read-schemas-checkpoint');
    expect(signed.status).toBe(201);
    const size = (signed.body as { treeSize: number }).treeSize;
    const feed = (await request(http).get('/audit/events?limit=5').set(auth())).body as { data: { entries: { eventId: string }[] } };
    const eventId = feed.data.entries[2]!.eventId;
    calls = {
      '/audit/{collection}/{id}': ['/audit/members/semarang', '/audit/plans/semarang-2021', '/audit/commitments/semarang-2021-c1', '/audit/plans/semarang-2021?asOf=2022-03-01'],
      '/audit/{collection}/{id}/history': ['/audit/members/semarang/history', '/audit/plans/semarang-2021/history', '/audit/commitments/semarang-2021-c1/history?fromRevision=1&limit=3'],
      '/audit/events': ['/audit/events', '/audit/events?limit=3&after=2', '/audit/events?asOf=2022-03-01'],
      '/audit/plans/{id}/progress': ['/audit/plans/semarang-2021/progress', '/audit/plans/semarang-2021/progress?asOf=2022-03-01'],
      '/audit/commitments/{id}/progress': ['/audit/commitments/semarang-2021-c1/progress', '/audit/commitments/semarang-2021-c2/progress?asOf=2023-01-31'],
      '/audit/members/{id}/compliance': ['/audit/members/semarang/compliance', '/audit/members/semarang/compliance?asOf=2023-01-31&planId=semarang-2021'],
      '/audit/claims': ['/audit/claims', '/audit/claims?status=Verified&limit=2', '/audit/claims?memberId=semarang&effectiveFrom=2022-01-01&effectiveTo=2022-12-31', '/audit/claims?status=Submitted&sort=recordedAt&limit=2'],
      '/audit/members/{id}/plans': ['/audit/members/semarang/plans'],
      '/audit/diff': ['/audit/diff?from=2022-01-01&to=2023-01-01', '/audit/diff?from=2021-01-01&to=2024-04-01&memberId=semarang'],
      '/audit/read-models/{name}/checksum': ['/audit/read-models/entity-state/checksum', '/audit/read-models/audit-trail/checksum', '/audit/read-models/entity-state/checksum?position=3/3'],
      '/public/plans': ['/public/plans', '/public/plans?member=semarang'],
      '/ledger/public-key': ['/ledger/public-key'],
      '/health/live': ['/health/live'],
      '/health/ready': ['/health/ready'],
      '/ledger/checkpoints/latest': ['/ledger/checkpoints/latest'],
      '/ledger/checkpoints/{size}': [`/ledger/checkpoints/${size}`],
      '/ledger/proofs/inclusion': [`/ledger/proofs/inclusion?eventId=${eventId}&size=${size}`, `/ledger/proofs/inclusion?leafIndex=0&size=${size}`],
      '/ledger/proofs/consistency': [`/ledger/proofs/consistency?from=3&to=${size}`],
      '/ledger/bundles/{eventId}': [`/ledger/bundles/${eventId}`],
    };
  });

  afterAll(() => seeded.close());

  const readPaths = (): string[] => Object.keys(document.paths).filter((path) => document.paths[path]!.get !== undefined && !(path in NOT_READS));

  it('calls every documented read (a new GET route needs a call here, or a reason in NOT_READS)', () => {
    expect(readPaths().sort()).toEqual(Object.keys(calls).sort());
  });

  it('documents every read’s 200 as a schema, not only in words', () => {
    const prose = readPaths().filter((path) => {
      const schema = schemaOf(document, path);
      return schema === undefined || (schema.$ref === undefined && schema.type === undefined);
    });
    expect(prose).toEqual([]);
  });

  it('closes every schema a read answer reaches (additionalProperties: false), but for those open on purpose', () => {
    const names = new Set(readPaths().flatMap((path) => [...reachable(document, schemaOf(document, path))]));
    const open = [...names].filter((name) => !OPEN_SCHEMAS.has(name) && document.components.schemas[name]!.additionalProperties !== false);
    expect(open).toEqual([]);
  });

  it('validates each read’s answers against its 200 schema', async () => {
    const failures: string[] = [];
    for (const path of readPaths()) {
      const validate = validatorOf(path);
      for (const url of calls[path] ?? []) {
        const response = await request(http).get(url).set(auth());
        expect({ url, status: response.status }).toEqual({ url, status: 200 });
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        if (!validate(response.body)) failures.push(`${url}: ${ajv.errorsText(validate.errors, { separator: '\n  ', dataVar: 'answer' })}`);
      }
    }
    expect(failures).toEqual([]);
  });

  describe('the schemas can fail', () => {
    const answerOf = async (url: string) => (await request(http).get(url).set(auth())).body as { data: Record<string, unknown> & { milestones: Record<string, unknown>[] } };

    it('refuses an answer with a field the schema does not list, at any depth', async () => {
      const validate = validatorOf('/audit/commitments/{id}/progress');
      const answer = await answerOf('/audit/commitments/semarang-2021-c1/progress');
      expect(validate(answer)).toBe(true);
      expect(validate({ ...answer, extra: 1 })).toBe(false);
      expect(validate({ ...answer, data: { ...answer.data, milestones: [{ ...answer.data.milestones[0], undocumented: true }] } })).toBe(false);
    });

    it('refuses an answer whose field changed type, or left its enum', async () => {
      const validate = validatorOf('/audit/commitments/{id}/progress');
      const answer = await answerOf('/audit/commitments/semarang-2021-c1/progress');
      expect(validate({ ...answer, data: { ...answer.data, ratio: '0.5' } })).toBe(false);
      expect(validate({ ...answer, data: { ...answer.data, level: 'Almost done' } })).toBe(false);
      expect(validate({ ...answer, data: { ...answer.data, ogpId: null } })).toBe(true);
      expect(validate({ ...answer, data: { ...answer.data, title: null } })).toBe(false);
    });
  });
});
