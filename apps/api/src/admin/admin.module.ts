// The admin routes (a member's government point of contact): members, action plans, commitments, milestones, progress.
import { Module } from '@nestjs/common';
import { TrackerCommandsModule } from '@ogp/tracker';
import { AbandonActionPlanController } from './abandon-action-plan/abandon-action-plan.controller';
import { AddCommitmentController } from './add-commitment/add-commitment.controller';
import { AddMilestoneController } from './add-milestone/add-milestone.controller';
import { ChangeMemberTimeZoneController } from './change-member-time-zone/change-member-time-zone.controller';
import { CorrectEndorsementController } from './correct-endorsement/correct-endorsement.controller';
import { DraftActionPlanController } from './draft-action-plan/draft-action-plan.controller';
import { EndActionPlanController } from './end-action-plan/end-action-plan.controller';
import { EndorseActionPlanController } from './endorse-action-plan/endorse-action-plan.controller';
import { RecordForumMeetingController } from './record-forum-meeting/record-forum-meeting.controller';
import { RegisterMemberController } from './register-member/register-member.controller';
import { ReportProgressController } from './report-progress/report-progress.controller';
import { RescheduleMilestoneController } from './reschedule-milestone/reschedule-milestone.controller';
import { ReviseCommitmentController } from './revise-commitment/revise-commitment.controller';
import { StartImplementationController } from './start-implementation/start-implementation.controller';
import { SubmitActionPlanController } from './submit-action-plan/submit-action-plan.controller';
import { UpdatePublicInformationController } from './update-public-information/update-public-information.controller';
import { WithdrawCommitmentController } from './withdraw-commitment/withdraw-commitment.controller';
import { WithdrawForumMeetingController } from './withdraw-forum-meeting/withdraw-forum-meeting.controller';
import { WithdrawMilestoneController } from './withdraw-milestone/withdraw-milestone.controller';

@Module({
  imports: [TrackerCommandsModule],
  controllers: [
    RegisterMemberController,
    RecordForumMeetingController,
    WithdrawForumMeetingController,
    UpdatePublicInformationController,
    ChangeMemberTimeZoneController,
    DraftActionPlanController,
    EndorseActionPlanController,
    CorrectEndorsementController,
    SubmitActionPlanController,
    StartImplementationController,
    EndActionPlanController,
    AbandonActionPlanController,
    AddCommitmentController,
    ReviseCommitmentController,
    WithdrawCommitmentController,
    AddMilestoneController,
    RescheduleMilestoneController,
    WithdrawMilestoneController,
    ReportProgressController,
  ],
})
export class AdminModule {}
