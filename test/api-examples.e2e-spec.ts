// The request examples of /docs-json, sent as a client copying them would: each command route's example body, as
// Swagger UI builds it, in the order of a plan's life, with only the generated ids swapped for those the earlier
// answers gave. A newcomer's first requests come from these examples: each must be accepted.
import request from 'supertest';
import { ID_EXAMPLES } from '../apps/api/src/platform/id-examples';
import { startCommandApi, type CommandApi } from './command-api.fixtures';

interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly example?: unknown;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly items?: Schema;
  readonly allOf?: readonly Schema[];
}

interface Operation {
  readonly requestBody?: { readonly content: Record<string, { schema: Schema; example?: unknown; examples?: Record<string, { value: unknown }> }> };
}

interface Document {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components: { readonly schemas: Readonly<Record<string, Schema>> };
}

/** A body as Swagger UI fills it in: the route's own example (the first named one), else one built from the schema. */
function exampleBody(document: Document, path: string): Record<string, unknown> {
  const content = document.paths[path]?.post?.requestBody?.content['application/json'];
  if (content === undefined) throw new Error(`POST ${path} documents no JSON body`);
  if (content.example !== undefined) return content.example as Record<string, unknown>;
  const named = Object.values(content.examples ?? {})[0];
  if (named !== undefined) return named.value as Record<string, unknown>;
  return sample(document, content.schema) as Record<string, unknown>;
}

/** Swagger UI's sample of a schema: its example, else its properties' samples, else a placeholder of its type. */
function sample(document: Document, schema: Schema): unknown {
  if (schema.$ref !== undefined) return sample(document, document.components.schemas[schema.$ref.split('/').at(-1)!]!);
  if (schema.example !== undefined) return schema.example;
  if (schema.allOf !== undefined) return Object.assign({}, ...schema.allOf.map((part) => sample(document, part)));
  if (schema.properties !== undefined) return Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, sample(document, property)]));
  if (schema.type === 'array' && schema.items !== undefined) return [sample(document, schema.items)];
  return { string: 'string', number: 0, integer: 0, boolean: true }[schema.type ?? 'string'];
}

/** The example ids of generated entities, by the name of the path parameter or answer id that carries them. */
const EXAMPLE_IDS: Readonly<Record<string, string>> = {
  planId: ID_EXAMPLES.plan,
  commitmentId: ID_EXAMPLES.commitment,
  milestoneId: ID_EXAMPLES.milestone,
  claimId: ID_EXAMPLES.claim,
  meetingId: ID_EXAMPLES.meeting,
};

describe('the documented request examples, sent as they stand (e2e)', () => {
  let api: CommandApi;
  let document: Document;
  const keys: Record<'admin' | 'reviewer', string> = { admin: '', reviewer: '' };
  /** The ids the answers gave so far, by name (memberId from the register example itself). */
  const ids: Record<string, string> = {};
  /** The routes whose example was accepted. */
  const accepted = new Set<string>();

  beforeAll(async () => {
    api = await startCommandApi();
    keys.admin = await api.key({ role: 'admin', name: 'Semarang OGP team' });
    keys.reviewer = await api.key({ role: 'reviewer', name: 'OGP Support Unit' });
    document = (await request(api.http).get('/docs-json').expect(200)).body as Document;
  });
  afterAll(() => api.close());

  /** The example ids in a body replaced by the real ones of the same name. */
  const withRealIds = (body: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(body).map(([name, value]) => [name, value === EXAMPLE_IDS[name] && ids[name] !== undefined ? ids[name] : value]));

  /** Sends POST `path`'s example (changed by `adjust`, for what the example cannot know) and expects 201. */
  async function send(path: string, role: 'admin' | 'reviewer', adjust: (body: Record<string, unknown>) => Record<string, unknown> = (b) => b) {
    const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const value = ids[name];
      if (value === undefined) throw new Error(`no ${name} yet for ${path}`);
      return value;
    });
    const body = adjust(withRealIds(exampleBody(document, path)));
    const res = await request(api.http).post(url).set('Authorization', `Bearer ${keys[role]}`).send(body);
    if (res.status !== 201) throw new Error(`POST ${path} with its example ${JSON.stringify(body)} answered ${res.status}: ${JSON.stringify(res.body)}`);
    Object.assign(ids, res.body.ids);
    accepted.add(path);
  }

  it('accepts every command route\'s example in the order of a plan\'s life', async () => {
    const register = exampleBody(document, '/admin/members');
    ids.memberId = String(register.memberId);
    await send('/admin/members', 'admin');
    await send('/admin/members/{memberId}/forum-meetings', 'admin');
    await send('/admin/members/{memberId}/public-information', 'admin');
    await send('/admin/members/{memberId}/plans', 'admin');
    await send('/admin/plans/{planId}/commitments', 'admin');
    await send('/admin/commitments/{commitmentId}/milestones', 'admin');
    await send('/admin/plans/{planId}/endorsement', 'admin');
    await send('/admin/plans/{planId}/endorsement/correction', 'admin');
    await send('/admin/plans/{planId}/submission', 'admin');
    await send('/review/plans/{planId}/inception-assessment', 'reviewer');
    await send('/admin/plans/{planId}/implementation', 'admin');
    for (const review of ['verification', 'dispute', 'evidence-requests']) {
      await send('/admin/commitments/{commitmentId}/claims', 'admin');
      await send(`/review/commitments/{commitmentId}/claims/{claimId}/${review}`, 'reviewer');
    }
    // The second example makes a new version of the claim the last answer named.
    const [, newVersion] = Object.values(document.paths['/admin/commitments/{commitmentId}/claims']!.post!.requestBody!.content['application/json']!.examples!);
    await send('/admin/commitments/{commitmentId}/claims', 'admin', () => withRealIds(newVersion!.value as Record<string, unknown>));
    await send('/review/commitments/{commitmentId}/design-assessment', 'reviewer');
    await send('/admin/commitments/{commitmentId}/milestones/{milestoneId}/rescheduling', 'admin');
    await send('/admin/commitments/{commitmentId}/revisions', 'admin');
    await send('/review/commitments/{commitmentId}/end-of-commitment-assessment', 'reviewer');
    await send('/admin/commitments/{commitmentId}/milestones/{milestoneId}/withdrawal', 'admin');
    await send('/admin/commitments/{commitmentId}/withdrawal', 'admin');
    await send('/admin/members/{memberId}/forum-meetings/{meetingId}/withdrawal', 'admin');
    await send('/admin/plans/{planId}/end', 'admin');
  });

  it('accepts the time-zone example for a member registered without a zone, and the abandonment example for a draft', async () => {
    // The register example gives the zone the time-zone example changes to: its reason speaks of a member that gave none.
    ids.memberId = 'salatiga';
    await send('/admin/members', 'admin', ({ timeZone: _zone, ...body }) => ({ ...body, memberId: 'salatiga' }));
    await send('/admin/members/{memberId}/time-zone', 'admin');
    await send('/admin/members/{memberId}/plans', 'admin');
    await send('/admin/plans/{planId}/abandonment', 'admin');
  });

  describe('what every operation may answer besides its success', () => {
    type Responses = Record<string, { content?: Record<string, { schema: { $ref: string } }>; headers?: Record<string, unknown> }>;
    const operations = () =>
      Object.entries(document.paths).flatMap(([path, item]) =>
        Object.entries(item).map(([method, operation]) => ({ path, method, responses: (operation as { responses: Responses }).responses })),
      );

    it('gives every problem answer a problem+json body, and every answer its correlation id header', () => {
      expect(document.components.schemas.Problem).toMatchObject({ required: expect.arrayContaining(['type', 'title', 'status', 'code']) });
      for (const { path, method, responses } of operations()) {
        for (const [status, response] of Object.entries(responses)) {
          if (Number(status) >= 400) expect([method, path, status, response.content]).toEqual([method, path, status, { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }]);
          expect([method, path, status, Object.keys(response.headers ?? {})]).toEqual([method, path, status, expect.arrayContaining(['X-Correlation-Id'])]);
        }
      }
    });

    it('documents the platform\'s problems on reads: 400, 401 and 403 with a key, 404 on an entity, 503 with waitFor; and the ETag', () => {
      const responses = (method: string, path: string) => operations().find((o) => o.method === method && o.path === path)!.responses;
      const entity = responses('get', '/audit/{collection}/{id}');
      expect(Object.keys(entity).sort()).toEqual(['200', '400', '401', '403', '404', '503']);
      expect(Object.keys(entity['200']!.headers!)).toContain('ETag');
      expect(Object.keys(responses('get', '/public/plans')).sort()).toEqual(['200', '400', '404']);
      expect(Object.keys(responses('post', '/admin/members'))).not.toEqual(expect.arrayContaining(['404']));
      // The ledger's and the probes' own problems, which no rule of the platform's could guess.
      for (const [method, path, status] of [
        ['get', '/ledger/checkpoints/latest', '404'],
        ['get', '/ledger/proofs/inclusion', '404'],
        ['get', '/ledger/bundles/{eventId}', '409'],
        ['post', '/ledger/checkpoints', '503'],
        ['get', '/health/ready', '503'],
      ] as const) {
        expect([method, path, Object.keys(responses(method, path))]).toEqual([method, path, expect.arrayContaining([status])]);
      }
    });

    it('closes request bodies, nested ones included, to properties they do not list (as the validation pipe does)', () => {
      const schemas = document.components.schemas as Record<string, { additionalProperties?: unknown }>;
      for (const name of ['RegisterMemberRequest', 'ReportProgressRequest', 'EvidenceRequest', 'CommitmentChangesRequest']) expect([name, schemas[name]!.additionalProperties]).toEqual([name, false]);
    });
  });

  it('has sent every command route of /docs-json its example', () => {
    const commandRoutes = Object.entries(document.paths).filter(([path, operations]) => operations.post !== undefined && /^\/(admin|review)\//.test(path));
    expect(new Set(commandRoutes.map(([path]) => path))).toEqual(accepted);
  });
});
