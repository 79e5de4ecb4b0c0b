// The auditors' read API: entity state and history, the global feed, diffs, progress, compliance, claims, a member's
// plans, checksums, exports.
import { Module } from '@nestjs/common';
import { ReadModelsModule } from '@ogp/tracker';
import { ChecksumController } from './checksum/checksum.controller';
import { ClaimsController } from './claims/claims.controller';
import { ComplianceController } from './compliance/compliance.controller';
import { DiffController } from './diff/diff.controller';
import { EntityHistoryController } from './entity-history/entity-history.controller';
import { EntityStateController } from './entity-state/entity-state.controller';
import { EventFeedController } from './event-feed/event-feed.controller';
import { ExportController } from './export/export.controller';
import { MemberPlansController } from './member-plans/member-plans.controller';
import { ProgressController } from './progress/progress.controller';
import { ReadScope } from './read-scope';

@Module({
  imports: [ReadModelsModule],
  providers: [ReadScope],
  // Specific paths before the generic :collection/:id routes.
  controllers: [
    EventFeedController,
    DiffController,
    ExportController,
    ChecksumController,
    ProgressController,
    ComplianceController,
    ClaimsController,
    MemberPlansController,
    EntityHistoryController,
    EntityStateController,
  ],
})
export class AuditModule {}
