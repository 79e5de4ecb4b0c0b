// GET /audit/export — streams events (NDJSON, verifiable offline) or commitments with OGP's field names (CSV, NDJSON).
import { Readable } from 'node:stream';
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { MEMBER_ID_PATTERN } from '@ogp/domain';
import { EVENT_STORE, type EventStore } from '@ogp/event-store';
import { commitmentRecord, exportCommitments, exportEventsNdjson, memberStreams } from '@ogp/projections';
import { APP_CONFIG, CLOCK, ReadModels, type Clock, type ResolvedConfig, type Principal } from '@ogp/tracker';
import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../platform/access.decorators';
import { ProblemException } from '../../platform/problem.exception';
import { CurrentPrincipal } from '../../platform/request.decorators';
import { ReadScope } from '../read-scope';

export class ExportQuery {
  @ApiPropertyOptional({ enum: ['events', 'commitments'], default: 'events' })
  @IsOptional()
  @IsIn(['events', 'commitments'])
  kind?: 'events' | 'commitments';

  @ApiPropertyOptional({ enum: ['ndjson', 'csv'], default: 'ndjson', description: 'csv is for commitments only' })
  @IsOptional()
  @IsIn(['ndjson', 'csv'])
  format?: 'ndjson' | 'csv';

  @ApiPropertyOptional({ example: 'semarang' })
  @IsOptional()
  @MaxLength(40)
  @Matches(MEMBER_ID_PATTERN)
  member?: string;
}

@ApiTags('audit')
@ApiBearerAuth('api-key')
@Roles('admin', 'reviewer', 'auditor')
@Controller('audit')
export class ExportController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ReadModels,
    private readonly scope: ReadScope,
  ) {}

  @Get('export')
  @ApiOperation({
    summary: 'Stream an export',
    description:
      'kind=events: the ledger export (NDJSON: a header, then every stored event with its canonical texts and hashes), ' +
      'which `npm run cli -- verify --export FILE --public-key FILE` checks offline. kind=commitments: one record per ' +
      "commitment with OGP's field names (Commitment ID: OGP's id, empty until assigned; Title; Action Plan; ...; " +
      "Completion: OGP's end-of-commitment verdict), then Reported Progress (the claims' roll-up), Action Plan Status, " +
      'Ledger ID (the commitmentId), Member (its name), Member ID, Active Milestones, and Milestones Verified, Milestones ' +
      "Disputed and Milestones Awaiting Review (the active milestones by their latest claim's review status; numbers), " +
      'ordered by member id, plan (first month, then id), Commitment ID (empty last), Title and Ledger ID; as CSV (UTF-8 ' +
      "beginning with a byte order mark, which Excel needs; text cells starting with = + - @, tab or CR prefixed with ', " +
      "lists joined with '; ') or NDJSON (the same keys, raw values).",
  })
  @ApiOkResponse({ description: 'application/x-ndjson or text/csv, streamed' })
  async export(@Query() query: ExportQuery, @Res() reply: FastifyReply, @CurrentPrincipal() principal: Principal): Promise<void> {
    const member = this.scope.member(principal, query.member);
    const kind = query.kind ?? 'events';
    const format = query.format ?? (kind === 'events' ? 'ndjson' : 'csv');
    if (kind === 'events' && format === 'csv') throw new ProblemException('validation-failed', 'Events export as ndjson only');
    // A member's events are listed by the read models, and commitments are theirs: they first catch up with the store,
    // or an entity written a moment ago (by the caller itself, often) would be left out.
    const head = member === undefined && kind === 'events' ? null : await this.store.headPosition();
    if (head !== null) await this.readModels.waitFor(head);
    // A member asked for and mistyped is not "a member with nothing": as every read of a member, 404. (A scoped key
    // asking for no member gets its own member's export, empty until the member is registered.)
    if (query.member !== undefined && this.readModels.currentEntity(`member-${query.member}`) === null) throw new ProblemException('not-found', `No member ${query.member}`);
    const lines: AsyncIterable<string> | Iterable<string> =
      kind === 'events'
        ? exportEventsNdjson(this.store, {
            origin: this.config.LEDGER_ORIGIN,
            exportedAt: this.clock.now().toISOString(),
            streams: member === undefined ? undefined : new Set(memberStreams(this.readModels.db, member)),
          })
        : exportCommitments(this.readModels.db, commitmentRecord, { format, memberId: member });
    const name = `ogp-ledger-${kind}${member ? `-${member}` : ''}.${format}`;
    void reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(Readable.from(lines));
  }
}
