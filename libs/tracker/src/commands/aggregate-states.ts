// Loads an aggregate's state by folding its stream through the domain's evolve, with a cache of the last known state.
import { Inject, Injectable } from '@nestjs/common';
import { commitmentDecider, memberDecider, planDecider, type AggregateKind, type DomainEvent } from '@ogp/domain';
import { EVENT_STORE, type EventStore } from '@ogp/event-store';

/** A stream's state, the revision it reflects (null: the stream does not exist yet) and its last recordedAt. */
export interface LoadedState<S> {
  readonly state: S;
  readonly revision: bigint | null;
  /** When the stream's last event was recorded (null: no event yet): the next one must not be recorded earlier. */
  readonly recordedAt: string | null;
}

type AnyState = unknown;

const EVOLVE: Readonly<Record<AggregateKind, (state: AnyState, event: DomainEvent) => AnyState>> = {
  member: memberDecider.evolve as (state: AnyState, event: DomainEvent) => AnyState,
  plan: planDecider.evolve as (state: AnyState, event: DomainEvent) => AnyState,
  commitment: commitmentDecider.evolve as (state: AnyState, event: DomainEvent) => AnyState,
};

const INITIAL: Readonly<Record<AggregateKind, () => AnyState>> = {
  member: memberDecider.initialState,
  plan: planDecider.initialState,
  commitment: commitmentDecider.initialState,
};

export function kindOfStream(stream: string): AggregateKind {
  const kind = stream.slice(0, stream.indexOf('-'));
  if (kind === 'member' || kind === 'plan' || kind === 'commitment') return kind;
  throw new RangeError(`Not an aggregate stream: ${stream}`);
}

/** Streams kept in memory; the least recently used one is dropped beyond this. */
const CACHE_LIMIT = 10_000;

/**
 * The cache is an optimisation, never a source of truth: a cached state is only used to decide a command on its own
 * stream, and the append then expects the cached revision, so a stale entry (another process wrote) fails the
 * append with WrongExpectedVersion, is forgotten, and the command is decided again on fresh state.
 */
@Injectable()
export class AggregateStates {
  /** States as this process decided them: may run ahead of the store by appends not yet committed. */
  private readonly cache = new Map<string, LoadedState<AnyState>>();
  /** States as last read from the store: loadFresh reads only the events after them. */
  private readonly committed = new Map<string, LoadedState<AnyState>>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The stream's state, from the cache when present (use for the stream a command is appended to). */
  async load<S>(stream: string): Promise<LoadedState<S>> {
    const cached = this.cache.get(stream);
    if (cached) {
      remember(this.cache, stream, cached);
      return cached as LoadedState<S>;
    }
    const loaded = await this.loadFresh<S>(stream);
    remember(this.cache, stream, loaded);
    return loaded;
  }

  /**
   * The stream's state as the store holds it now (use for other aggregates a decision depends on): the last state
   * read, brought up to date with the events appended since, usually none, so it costs one indexed read.
   */
  async loadFresh<S>(stream: string): Promise<LoadedState<S>> {
    const kind = kindOfStream(stream);
    const known = this.committed.get(stream);
    let state = known === undefined ? INITIAL[kind]() : known.state;
    let revision = known === undefined ? null : known.revision;
    let recordedAt = known === undefined ? null : known.recordedAt;
    const events = this.store.readStream(stream, revision === null ? undefined : { fromRevision: revision + 1n });
    for await (const event of events) {
      state = EVOLVE[kind](state, { type: event.type, data: event.data } as DomainEvent);
      revision = event.revision;
      recordedAt = event.metadata.recordedAt;
    }
    const loaded = known !== undefined && revision === known.revision ? known : { state, revision, recordedAt };
    remember(this.committed, stream, loaded);
    return loaded as LoadedState<S>;
  }

  /** Records the state after this process appended `events`, recorded at `recordedAt`, up to `revision`. */
  applied(stream: string, before: LoadedState<AnyState>, events: readonly DomainEvent[], revision: bigint, recordedAt: string): void {
    const evolve = EVOLVE[kindOfStream(stream)];
    remember(this.cache, stream, { state: events.reduce(evolve, before.state), revision, recordedAt });
  }

  /** Drops what this process believed of the stream (its append failed): the next load reads the store. */
  forget(stream: string): void {
    this.cache.delete(stream);
  }
}

/** Sets the entry as the most recently used; drops the least recently used one beyond CACHE_LIMIT. */
function remember(cache: Map<string, LoadedState<AnyState>>, stream: string, loaded: LoadedState<AnyState>): void {
  cache.delete(stream);
  cache.set(stream, loaded);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
}
