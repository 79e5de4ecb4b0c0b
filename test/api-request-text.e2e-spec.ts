// The text a command route takes (admin review findings 16-18): control characters refused by field kind (one line or
// prose), every length limit stated in /docs-json before a client meets it, upper-case SHA-256 taken, plain messages.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import request from 'supertest';
import { SEMARANG, startCommandApi, type CommandApi } from './command-api.fixtures';

const idOf = (stream: string): string => stream.slice(stream.indexOf('-') + 1);
const API_SRC = join(__dirname, '../apps/api/src');

interface PropertySchema {
  readonly type?: string;
  readonly enum?: unknown[];
  readonly items?: PropertySchema;
  readonly [keyword: string]: unknown;
}
interface ObjectSchema {
  readonly properties: Record<string, PropertySchema>;
}

/** The request DTO classes of the admin and review routes, by name (the name of their OpenAPI schema). */
async function requestClasses(): Promise<Map<string, new () => object>> {
  const classes = new Map<string, new () => object>();
  for (const audience of ['admin', 'review']) {
    const files = readdirSync(join(API_SRC, audience), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.request.ts'));
    for (const file of files) {
      const exported = (await import(join(API_SRC, audience, file))) as Record<string, unknown>;
      for (const value of Object.values(exported)) {
        if (typeof value === 'function' && value.name.endsWith('Request')) classes.set(value.name, value as new () => object);
      }
    }
  }
  return classes;
}

/** class-validator's length and size rules, and the OpenAPI keyword that states each. */
const STATED_AS: Readonly<Record<string, string>> = {
  maxLength: 'maxLength', minLength: 'minLength', arrayMaxSize: 'maxItems', arrayMinSize: 'minItems', max: 'maximum', min: 'minimum',
};
const TEXT_RULES = new Set(['singleLineText', 'multiLineText']);

describe('the text of command requests (e2e)', () => {
  let api: CommandApi;
  let ops: string;
  let planId: string;
  let commitmentId: string;
  let milestoneId: string;

  const post = (path: string, body: object) => request(api.http).post(path).set('Authorization', `Bearer ${ops}`).send(body);
  const claim = (overrides: object = {}) => ({
    milestoneId, completion: 'Substantial', asOf: '2022-06-30', narrative: 'Standard published', evidence: [SEMARANG.evidence], ...overrides,
  });

  /** Sends a body that must be refused: 400 validation-failed, nothing written; answers the messages by field. */
  async function refused(path: string, body: object): Promise<Record<string, string[]>> {
    const before = await api.head();
    const res = await post(path, body);
    expect([res.status, res.body.code]).toEqual([400, 'validation-failed']);
    expect(await api.head()).toBe(before);
    return res.body.errors as Record<string, string[]>;
  }

  beforeAll(async () => {
    api = await startCommandApi();
    ops = await api.key({ role: 'admin', name: 'ops' });
    await post('/admin/members', SEMARANG.member).expect(201);
    planId = idOf((await post('/admin/members/semarang/plans', SEMARANG.plan).expect(201)).body.stream);
    commitmentId = idOf((await post(`/admin/plans/${planId}/commitments`, SEMARANG.commitment(1)).expect(201)).body.stream);
    milestoneId = (await post(`/admin/commitments/${commitmentId}/milestones`, SEMARANG.milestone).expect(201)).body.ids.milestoneId;
    await post(`/admin/plans/${planId}/endorsement`, { endorsedOn: '2021-07-26', endorsedBy: ['PATTIRO Semarang'] }).expect(201);
    await post(`/admin/plans/${planId}/submission`, { submittedOn: '2021-07-30' }).expect(201);
  });
  afterAll(() => api.close());

  describe('control characters (finding 17)', () => {
    it('refuses a NUL in a milestone title, naming the field', async () => {
      const errors = await refused(`/admin/commitments/${commitmentId}/milestones`, { ...SEMARANG.milestone, title: 'Sosialisasi Perwal\u0000' });
      expect(errors).toEqual({ title: ['title must not contain control characters or line breaks'] });
    });

    it('refuses a line break in a plan title (a title is one line)', async () => {
      const errors = await refused('/admin/members/semarang/plans', { ...SEMARANG.plan, title: 'Semarang OGP Local\nAction Plan' });
      expect(errors).toEqual({ title: ['title must not contain control characters or line breaks'] });
    });

    it('refuses control characters in names, in lists of names and in nested objects, naming each by its path', async () => {
      const commitment = { ...SEMARANG.commitment(2), leadInstitution: 'Diskominfo\u001b[31m', supportingInstitutions: { government: ['Bappeda\u0085'], civilSociety: [] } };
      expect(await refused(`/admin/plans/${planId}/commitments`, { ...commitment, reason: 'Added at the mid-term review' })).toEqual({
        leadInstitution: ['leadInstitution must not contain control characters or line breaks'],
        'supportingInstitutions.government': ['each value in government must not contain control characters or line breaks'],
      });
      const evidence = [{ ...SEMARANG.evidence, title: 'PPID report\t2022' }];
      expect(await refused(`/admin/commitments/${commitmentId}/claims`, claim({ evidence }))).toEqual({
        'evidence.0.title': ['title must not contain control characters or line breaks'],
      });
    });

    it('takes line breaks and tabs in a narrative, and keeps them', async () => {
      const narrative = 'Standard published.\nAgencies done:\r\n\t12 of 16';
      const res = await post(`/admin/commitments/${commitmentId}/claims`, claim({ narrative }));
      expect(res.status).toBe(201);
      const [event] = (await api.events(`commitment-${commitmentId}`)).slice(-1);
      expect(event!.data).toMatchObject({ narrative });
    });

    it('refuses other control characters in prose (a NUL in a narrative, an ESC in a reason)', async () => {
      expect(await refused(`/admin/commitments/${commitmentId}/claims`, claim({ narrative: 'Standard\u0000published' }))).toEqual({
        narrative: ['narrative must not contain control characters other than line breaks and tabs'],
      });
      const withdrawal = await refused(`/admin/commitments/${commitmentId}/milestones/${milestoneId}/withdrawal`, { reason: 'Merged\u001b' });
      expect(withdrawal).toEqual({ reason: ['reason must not contain control characters other than line breaks and tabs'] });
    });
  });

  describe('SHA-256 of evidence (finding 16)', () => {
    it('takes an upper-case hex SHA-256 (as PowerShell prints it) and stores it in lower case', async () => {
      const sha256 = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855';
      const res = await post(`/admin/commitments/${commitmentId}/claims`, claim({ evidence: [{ ...SEMARANG.evidence, sha256 }] }));
      expect(res.status).toBe(201);
      const [event] = (await api.events(`commitment-${commitmentId}`)).slice(-1);
      expect(event!.data).toMatchObject({ evidence: [{ sha256: sha256.toLowerCase() }] });
    });

    it('still refuses what is not 64 hex digits', async () => {
      const errors = await refused(`/admin/commitments/${commitmentId}/claims`, claim({ evidence: [{ ...SEMARANG.evidence, sha256: 'G'.repeat(64) }] }));
      expect(errors).toEqual({ 'evidence.0.sha256': ['sha256 must be 64 hex characters'] });
    });
  });

  describe('messages (finding 18)', () => {
    it('says an empty list must contain at least one item', async () => {
      expect(await refused(`/admin/plans/${planId}/endorsement`, { endorsedOn: '2021-07-26', endorsedBy: [] })).toEqual({
        endorsedBy: ['endorsedBy must contain at least one item'],
      });
      expect(await refused(`/admin/plans/${planId}/commitments`, { ...SEMARANG.commitment(2), values: [], reason: 'x' })).toEqual({
        values: ['values must contain at least one item'],
      });
    });

    it('says a list that is too long may hold at most so many items', async () => {
      const values = ['Access to Information', 'Civic Participation', 'Public Accountability', 'Technology and Innovation for Transparency and Accountability', 'Access to Information'];
      expect(await refused(`/admin/plans/${planId}/commitments`, { ...SEMARANG.commitment(2), values, reason: 'x' })).toEqual({
        values: ['values must contain at most 4 items'],
      });
    });
  });

  describe('/docs-json (finding 16)', () => {
    let schemas: Record<string, ObjectSchema>;
    let classes: Map<string, new () => object>;
    beforeAll(async () => {
      schemas = (await request(api.http).get('/docs-json').expect(200)).body.components.schemas;
      classes = await requestClasses();
    });
    const rulesOf = (name: string) => getMetadataStorage().getTargetValidationMetadatas(classes.get(name)!, '', false, false);
    const requestSchemas = () => Object.keys(schemas).filter((name) => name.endsWith('Request'));

    it('states the narrative\'s limit (4,000 characters)', () => {
      expect(schemas.ReportProgressRequest!.properties.narrative).toMatchObject({ minLength: 1, maxLength: 4000 });
    });

    it('knows the class of every request schema', () => {
      expect(requestSchemas().filter((name) => !classes.has(name))).toEqual([]);
    });

    it('states every length, size and range a request DTO enforces', () => {
      const unstated: string[] = [];
      for (const name of requestSchemas()) {
        for (const rule of rulesOf(name)) {
          const keyword = rule.name === undefined ? undefined : STATED_AS[rule.name];
          if (keyword === undefined) continue;
          const property = schemas[name]!.properties[rule.propertyName];
          const stated = (rule.each ? property?.items : property)?.[keyword];
          if (stated !== rule.constraints[0]) unstated.push(`${name}.${rule.propertyName}${rule.each ? '[]' : ''} ${keyword}: ${String(stated)}, enforced ${String(rule.constraints[0])}`);
        }
      }
      expect(unstated).toEqual([]);
    });

    it('has a control-character rule on every text property (all but closed lists of values), and prose only where meant', () => {
      const unruled: string[] = [];
      const prose = new Set<string>();
      for (const name of requestSchemas()) {
        const rules = rulesOf(name).filter((r) => r.name !== undefined && TEXT_RULES.has(r.name));
        for (const [property, schema] of Object.entries(schemas[name]!.properties)) {
          const list = schema.type === 'array';
          const text = list ? schema.items : schema;
          if (text?.type !== 'string' || text.enum !== undefined) continue;
          const rule = rules.find((r) => r.propertyName === property && Boolean(r.each) === list);
          if (rule === undefined) unruled.push(`${name}.${property}`);
          else if (rule.name === 'multiLineText') prose.add(property);
        }
      }
      expect(unruled).toEqual([]);
      expect([...prose].sort()).toEqual(['action', 'narrative', 'objective', 'problem', 'reason', 'request', 'statusQuo', 'summary']);
    });

    it('gives each route\'s reason an example of its own (finding 18)', () => {
      const reasons = requestSchemas().flatMap((name) => {
        const example = schemas[name]!.properties.reason?.example;
        return example === undefined ? [] : [[name, example] as const];
      });
      expect(reasons.length).toBeGreaterThanOrEqual(7);
      const repeated = reasons.filter(([, example]) => reasons.filter(([, other]) => other === example).length > 1);
      expect(repeated).toEqual([]);
    });

    it('gives generated ids UUID examples, in bodies, paths and path id errors (finding 18)', async () => {
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
      expect(schemas.ReportProgressRequest!.properties.milestoneId!.example).toMatch(uuid);
      const docs = (await request(api.http).get('/docs-json')).body as {
        paths: Record<string, { post: { parameters: { name: string; example?: string }[]; requestBody: { content: Record<string, { examples?: Record<string, { value: { claimId?: string } }> }> } } }>;
      };
      // A claimId only in the example of a new version: the first example reports a new claim.
      const claimExamples = Object.values(docs.paths['/admin/commitments/{commitmentId}/claims']!.post.requestBody.content['application/json']!.examples!);
      expect(claimExamples.map((e) => e.value.claimId)).toEqual([undefined, expect.stringMatching(uuid)]);
      const parameters = docs.paths['/review/commitments/{commitmentId}/claims/{claimId}/verification']!.post.parameters;
      for (const name of ['commitmentId', 'claimId']) expect(parameters.find((p) => p.name === name)!.example).toMatch(uuid);
      const errors = await refused('/admin/plans/Plan_1/submission', { submittedOn: '2021-07-30' });
      expect(errors.planId![0]).toMatch(/e\.g\. [0-9a-f]{8}-[0-9a-f-]{27}\)$/);
    });
  });
});
