// Typed errors of the ledger library: each has a stable code that callers (CLI, API) map to their own output.

export type LedgerErrorCode =
  | 'invalid-size'
  | 'invalid-hash'
  | 'invalid-proof-request'
  | 'malformed-key'
  | 'malformed-note'
  | 'malformed-checkpoint'
  | 'note-not-verified'
  | 'wrong-origin'
  | 'malformed-export';

export class LedgerError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}
