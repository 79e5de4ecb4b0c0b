// The OpenAPI of command routes names, under each problem status, the problem types its domain command may answer.
import { Controller, Post, type INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { COMMAND_ERRORS, COMMAND_TYPES, ERROR_CATALOGUE, ERROR_CODES, type CommandType } from '@ogp/domain';
import { IDEMPOTENCY_STORE, IdGenerator } from '@ogp/tracker';
import { DOMAIN_ERROR_KINDS, PROBLEM_TYPE_PREFIX } from '../platform/problem-table';
import { CommandRoute, UNREACHABLE_THROUGH_THE_API } from './command-responses';
import { EndorseActionPlanController } from './endorse-action-plan/endorse-action-plan.controller';
import { ReportProgressController } from './report-progress/report-progress.controller';

const PROBLEM_STATUSES = ['403', '404', '409', '422'] as const;

/** One route per command type, documented as the real routes are: what CommandRoute writes, whatever the path. */
function routeOf(type: CommandType): new () => unknown {
  @Controller(`commands/${type}`)
  class Route {
    @Post()
    @CommandRoute(`Issue ${type}`, type)
    issue(): void {}
  }
  return Route;
}

async function documentOf(controllers: (new (...args: never[]) => unknown)[]): Promise<{ app: INestApplication; document: OpenAPIObject }> {
  const moduleRef = await Test.createTestingModule({
    controllers,
    providers: [
      { provide: CommandBus, useValue: {} },
      { provide: IdGenerator, useValue: {} },
      { provide: IDEMPOTENCY_STORE, useValue: {} },
    ],
  }).compile();
  const app = moduleRef.createNestApplication(new FastifyAdapter());
  return { app, document: SwaggerModule.createDocument(app, new DocumentBuilder().build()) };
}

type Responses = Record<string, { description: string }>;
const responsesOf = (document: OpenAPIObject, path: string): Responses => (document.paths[path]?.post?.responses ?? {}) as Responses;
const typeOf = (code: string): string => `\`${PROBLEM_TYPE_PREFIX}${code}\``;

describe('CommandRoute', () => {
  describe('on the admin routes in /docs-json', () => {
    let app: INestApplication;
    let document: OpenAPIObject;
    beforeAll(async () => {
      ({ app, document } = await documentOf([EndorseActionPlanController, ReportProgressController]));
    });
    afterAll(async () => app.close());

    it('lists plan.already-endorsed, with its title, under EndorseActionPlan’s 409', () => {
      const conflict = responsesOf(document, '/admin/plans/{planId}/endorsement')['409']!.description;
      expect(conflict).toContain(`${typeOf('plan.already-endorsed')}: ${ERROR_CATALOGUE['plan.already-endorsed'].title}`);
      expect(conflict).toContain('The entity is in a state that does not allow this, or a concurrent change');
    });

    it('does not list plan.already-endorsed for ReportProgress, whose 409 lists its own conflicts', () => {
      const responses = responsesOf(document, '/admin/commitments/{commitmentId}/claims');
      expect(JSON.stringify(responses)).not.toContain('plan.already-endorsed');
      expect(responses['409']!.description).toContain(typeOf('commitment.withdrawn'));
    });
  });

  describe('for every command type', () => {
    let app: INestApplication;
    let document: OpenAPIObject;
    beforeAll(async () => {
      ({ app, document } = await documentOf(COMMAND_TYPES.map(routeOf)));
    });
    afterAll(async () => app.close());

    it.each(COMMAND_TYPES)('names under each status exactly the codes of %s that answer with it', (type) => {
      const responses = responsesOf(document, `/commands/${type}`);
      for (const status of PROBLEM_STATUSES) {
        const expected = COMMAND_ERRORS[type].filter((code) => !UNREACHABLE_THROUGH_THE_API.has(code) && String(DOMAIN_ERROR_KINDS[ERROR_CATALOGUE[code].kind].status) === status);
        // A command that can miss no entity documents no 404 at all.
        if (status === '404' && expected.length === 0) {
          expect(responses[status]).toBeUndefined();
          continue;
        }
        const described = ERROR_CODES.filter((code) => responses[status]!.description.includes(typeOf(code)));
        expect({ status, codes: described.sort() }).toEqual({ status, codes: [...expected].sort() });
      }
    });

    it('documents 412 only for commands on an existing entity (If-Match does not apply to creating one)', () => {
      const with412 = COMMAND_TYPES.filter((type) => responsesOf(document, `/commands/${type}`)['412'] !== undefined);
      expect(COMMAND_TYPES.filter((type) => !with412.includes(type))).toEqual(['RegisterMember', 'DraftActionPlan', 'AddCommitment']);
    });

    it('keeps the generic text of the platform problems, and names the 403s a client meets, not those it cannot', () => {
      const responses = responsesOf(document, '/commands/VerifyClaim');
      expect(responses['403']!.description).toMatch(/^Wrong role, or a key scoped to another member/);
      expect(responses['422']!.description).toContain('the Idempotency-Key was used for another request');
      expect(responses['403']!.description).toContain(typeOf('forbidden'));
      expect(responses['403']!.description).toContain(typeOf('access.outside-member-scope'));
      expect(responses['403']!.description).not.toContain(typeOf('review.own-claim'));
      expect(responses['403']!.description).not.toContain(typeOf('actor.forbidden-role'));
    });

    it('states the review rules on the review routes, and on no other', () => {
      const description = (type: CommandType): string => (document.paths[`/commands/${type}`]?.post?.description ?? '');
      for (const type of ['VerifyClaim', 'DisputeClaim', 'RequestEvidence'] as const) expect(description(type)).toContain('which must be the current one');
      expect(description('ReportProgress')).not.toContain('which must be the current one');
    });
  });
});
