// Thrown by the idempotency guard to send a recorded answer again, byte for byte (by the problem filter).
import type { RecordedResponse } from '@ogp/tracker';

export class RecordedAnswerReplay extends Error {
  constructor(readonly answer: RecordedResponse) {
    super('replaying a recorded answer');
    this.name = 'RecordedAnswerReplay';
  }
}
