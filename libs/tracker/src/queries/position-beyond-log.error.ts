// A read that names a position the log has not reached (a checksum's, a waitFor's): 404, with the head to ask for.
export class PositionBeyondLogError extends Error {
  readonly code = 'read.position-beyond-log';
  readonly kind = 'not-found';
  readonly title = 'The log has not reached this position';
  constructor(position: string, head: string | null) {
    super(head === null ? `The log is empty: there is no position ${position}` : `The log ends at position ${head}: there is no position ${position} yet`);
    this.name = 'PositionBeyondLogError';
  }
}
