// Typed errors of the projection runner, with stable codes that the API maps to problem+json.
import { positionToString, type Position } from '@ogp/event-store';

/** The read models did not reach a position in time (the API answers 503/504 with the position they reflect). */
export class ReadModelTimeoutError extends Error {
  readonly code = 'projections.wait-timeout';
  constructor(
    readonly wanted: Position,
    readonly reflected: Position | null,
    readonly timeoutMs: number,
  ) {
    super(
      `Read models did not reach position ${positionToString(wanted)} within ${timeoutMs} ms ` +
        `(they reflect ${reflected ? positionToString(reflected) : 'nothing yet'})`,
    );
    this.name = 'ReadModelTimeoutError';
  }
}

/** The runner stopped (failed or closed) while a caller was waiting for a position. */
export class ProjectionRunnerStoppedError extends Error {
  readonly code = 'projections.runner-stopped';
  constructor(readonly reason: string) {
    super(`Projection runner stopped: ${reason}`);
    this.name = 'ProjectionRunnerStoppedError';
  }
}
