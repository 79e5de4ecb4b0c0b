// The EventStore port: what the application needs from any event store (SQLite embedded, EventStoreDB).

/** A JSON value as stored in an event's data or metadata. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type ActorRole = 'admin' | 'reviewer' | 'auditor' | 'system';

/** The audit part of every event: who caused it, when it was recorded, and why. */
export interface EventMetadata {
  readonly actorId: string;
  readonly actorRole: ActorRole;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly reason: string | null;
  /** ISO-8601 instant at which the server recorded the event (the server's claim, not evidence). */
  readonly recordedAt: string;
  readonly [extra: string]: Json;
}

/** An event to append. `id` is a UUID chosen by the caller: re-appending the same ids is an idempotent retry. */
export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

/**
 * A position in the global order. EventStoreDB positions have two halves; the SQLite adapter uses its global
 * sequence number for both. Compare with `comparePositions`, serialize with `positionToString`.
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export interface StoredEvent extends NewEvent {
  readonly stream: string;
  /** 0-based revision of the event in its stream. */
  readonly revision: bigint;
  readonly position: Position;
  /** Hex SHA-256 of the event's chain entry (see @ogp/ledger eventHash). */
  readonly hash: string;
  /** Hash of the previous event in the same stream; null for revision 0. */
  readonly prevHash: string | null;
  /** Present only when read with `raw: true`: the exact canonical JSON texts that were hashed, before upcasting. */
  readonly raw?: { readonly data: string; readonly metadata: string; readonly schemaVersion: number };
}

export type ExpectedRevision = 'no_stream' | 'exists' | 'any' | bigint;

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  readonly nextRevision: bigint;
  /** Global position of the last event written. */
  readonly position: Position;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Inclusive; default 'start' forwards, 'end' backwards. */
  readonly fromRevision?: bigint | 'start' | 'end';
  readonly direction?: Direction;
  readonly maxCount?: number;
  readonly raw?: boolean;
}

export interface EventFilter {
  /** Keep events whose stream starts with any of these prefixes. */
  readonly streamPrefixes?: readonly string[];
  /** Keep events whose type is one of these. */
  readonly eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Inclusive (as EventStoreDB's readAll); default 'start' forwards, 'end' backwards. */
  readonly fromPosition?: Position | 'start' | 'end';
  readonly direction?: Direction;
  readonly maxCount?: number;
  readonly filter?: EventFilter;
  readonly raw?: boolean;
}

export interface SubscribeOptions {
  /** Exclusive (as EventStoreDB's subscribeToAll): delivery starts after this position. Default 'start'. */
  readonly fromPosition?: Position | 'start';
  readonly filter?: EventFilter;
}

/** Catch-up then live; each event once, in global order. Iterate it; `close()` ends the iteration cleanly. */
export interface Subscription extends AsyncIterable<StoredEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Position of the last event in the global order, or null when the store is empty. */
  headPosition(): Promise<Position | null>;
  close(): Promise<void>;
}

/** Upcasters are registered by (type, fromVersion) and applied on read until no upcaster matches. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  upcast(data: JsonObject): JsonObject;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
