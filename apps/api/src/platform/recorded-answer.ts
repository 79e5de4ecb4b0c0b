// Thrown by the idempotency interceptor to send a recorded problem answer again, byte for byte.
import type { RecordedResponse } from '@ogp/tracker';

export class RecordedAnswerReplay extends Error {
  constructor(readonly answer: RecordedResponse) {
    super('replaying a recorded answer');
    this.name = 'RecordedAnswerReplay';
  }
}
