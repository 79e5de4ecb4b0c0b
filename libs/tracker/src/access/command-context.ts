// Who issued a command and under which ids: what a handler needs to write an event's audit metadata.
import type { Principal } from './principal';

export interface CommandContext {
  readonly principal: Principal;
  /** Deterministic for a request with an Idempotency-Key (same for every retry), else a fresh UUID. */
  readonly commandId: string;
  readonly correlationId: string;
  /** True when commandId came from an Idempotency-Key: the command may already have been applied by a first try. */
  readonly repeatable?: boolean;
}
