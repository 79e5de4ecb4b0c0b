// The reviewer routes (OGP Support Unit, IRM, local monitors): assessments and verdicts on progress claims.
import { Module } from '@nestjs/common';
import { TrackerCommandsModule } from '@ogp/tracker';
import { AssessDesignController } from './assess-design/assess-design.controller';
import { AssessEndOfCommitmentController } from './assess-end-of-commitment/assess-end-of-commitment.controller';
import { RecordInceptionAssessmentController } from './record-inception-assessment/record-inception-assessment.controller';
import { ReviewClaimController } from './review-claim/review-claim.controller';

@Module({
  imports: [TrackerCommandsModule],
  controllers: [RecordInceptionAssessmentController, ReviewClaimController, AssessDesignController, AssessEndOfCommitmentController],
})
export class ReviewModule {}
