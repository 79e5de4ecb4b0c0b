// The port for durable Idempotency-Key records: one per (API key id, Idempotency-Key), holding the first answer.
export interface RecordedResponse {
  readonly status: number;
  readonly contentType: string;
  /** The response body exactly as first sent. */
  readonly body: string;
  readonly etag: string | null;
}

export interface IdempotencyScope {
  readonly apiKeyId: string;
  readonly idempotencyKey: string;
}

/** What to do with a request that carries an Idempotency-Key. */
export type IdempotencyDecision =
  | { readonly type: 'proceed' }
  | { readonly type: 'replay'; readonly response: RecordedResponse }
  | { readonly type: 'key-reused' }
  | { readonly type: 'in-flight' };

export interface IdempotencyStore {
  /**
   * Claims the key for this request (hash of method, path and body) unless it was already used: the same request
   * gets the recorded answer, a different request `key-reused`, and a request whose first attempt is still running
   * `in-flight`.
   */
  begin(scope: IdempotencyScope, requestHash: string): Promise<IdempotencyDecision>;
  /** Records the answer of a claimed request (only answers below 500: a server error may be retried). */
  complete(scope: IdempotencyScope, response: RecordedResponse): Promise<void>;
  /** Releases a claim without an answer, so that a retry runs the command again. */
  release(scope: IdempotencyScope): Promise<void>;
  close(): Promise<void>;
}

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');
