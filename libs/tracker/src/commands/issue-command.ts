// The one application use case behind every admin and reviewer command: load state, decide, append, retry on conflict.
import { Inject, Optional } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  dateOf,
  DEFAULT_TIME_ZONE,
  EVENT_SCHEMA_VERSIONS,
  noticesOf,
  decideWith,
  isCommitmentCommand,
  isMemberCommand,
  reasonOf,
  streamOf,
  type CommitmentCommand,
  type CommitmentState,
  type DomainCommand,
  type DomainEvent,
  type DomainStates,
  type IsoDate,
  type MemberState,
  type PlanState,
} from '@ogp/domain';
import {
  DuplicateEventIdError,
  EVENT_STORE,
  WrongExpectedVersionError,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type StoredEvent,
} from '@ogp/event-store';
import { assertMemberScope } from '../access/member-scope';
import type { Principal } from '../access/principal';
import { CLOCK, type Clock } from '../clock/clock';
import { IdGenerator } from '../ids/id-generator';
import { AggregateStates, type LoadedState } from './aggregate-states';
import { KeyedMutex, type Release } from './keyed-mutex';
import { SIBLING_STATES, type SiblingStates } from './sibling-states';

/** Who issues the command and how the request identifies it. */
export interface CommandMeta {
  readonly principal: Principal;
  readonly commandId: string;
  readonly correlationId: string;
  /** The command id came from an Idempotency-Key: a first try may already have written its events. */
  readonly repeatable?: boolean;
  /** From If-Match: the revision the client last read ('exists' for *). A mismatch is a 412, never retried. */
  readonly expectedRevision?: ExpectedRevision;
}

export interface CommandResult {
  readonly stream: string;
  /** The stream's revision after the command (its new ETag). */
  readonly revision: string;
  /** Global position of the last event written, as "commit/prepare"; null when the command changed nothing. */
  readonly position: string | null;
  readonly eventIds: readonly string[];
  readonly eventTypes: readonly string[];
  /** What the caller should know about the events written beyond "done" (the domain's noticesOf). */
  readonly notices: readonly string[];
}

export class IssueCommand extends Command<CommandResult> {
  constructor(
    readonly command: DomainCommand,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

/** Conflicting writers without If-Match are retried on fresh state this many times before the 409 reaches them. */
const MAX_ATTEMPTS = 8;
/** How far back from a stream's end a repeated command (same Idempotency-Key) looks for what its first try wrote. */
const REPEAT_LOOKBACK = 1000;

function positionText(position: Position): string {
  return `${position.commit.toString()}/${position.prepare.toString()}`;
}

@CommandHandler(IssueCommand)
export class IssueCommandHandler implements ICommandHandler<IssueCommand, CommandResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly states: AggregateStates,
    /** Absent (the demo seeding of a fresh store): the rules that compare with siblings are not checked. */
    @Optional() @Inject(SIBLING_STATES) private readonly siblings: SiblingStates | null = null,
  ) {}

  /** Per stream, the end of the last decision queued: commands on one stream are decided one after another. */
  private readonly turns = new Map<string, Promise<void>>();
  /** Per stream, the last append issued or waiting to be: the next one starts only after it has committed. */
  private readonly appends = new Map<string, Promise<unknown>>();
  /** The sibling sets (a member's plans, a plan's commitments) a command is being checked against (addSiblings). */
  private readonly siblingChecks = new KeyedMutex();

  async execute({ command, meta }: IssueCommand): Promise<CommandResult> {
    const stream = streamOf(command);
    if (meta.repeatable) {
      // A retry whose first try committed but never answered (a crash, a timeout): answer what it wrote.
      const earlier = await this.committedBy(stream, meta.commandId);
      if (earlier !== null) return earlier;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const { committed } = await this.inTurn(stream, () => this.decideAndAppend(command, meta, stream));
        return await committed;
      } catch (error) {
        if (error instanceof DuplicateEventIdError) {
          // The same command id committed meanwhile (a concurrent retry): its events are the answer.
          const earlier = await this.committedBy(stream, meta.commandId);
          if (earlier !== null) return earlier;
        }
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (meta.expectedRevision !== undefined || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * The result of the events a command id already wrote to the stream, or null. Reads the stream from its end,
   * at most REPEAT_LOOKBACK events: retries come soon after the first try.
   */
  async committedBy(stream: string, commandId: string): Promise<CommandResult | null> {
    const found: StoredEvent[] = [];
    for await (const event of this.store.readStream(stream, { direction: 'backwards', maxCount: REPEAT_LOOKBACK })) {
      if (event.metadata.commandId === commandId) found.unshift(event);
      else if (found.length > 0) break;
    }
    const last = found.at(-1);
    if (last === undefined) return null;
    return {
      stream,
      revision: last.revision.toString(),
      position: positionText(last.position),
      eventIds: found.map((e) => e.id),
      eventTypes: found.map((e) => e.type),
      notices: noticesOf(found),
    };
  }

  /**
   * Runs `decide` once the previous decision on this stream has been queued for append (not committed). Writers of
   * one stream in this process thus never race each other: each decides on the state its predecessor left, and
   * their appends share the next group commit instead of failing one another and retrying on re-read streams.
   */
  private inTurn<T>(stream: string, decide: () => Promise<T>): Promise<T> {
    const previous = this.turns.get(stream) ?? Promise.resolve();
    const turn = previous.then(decide);
    const done = turn.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(stream, done);
    void done.then(() => {
      if (this.turns.get(stream) === done) this.turns.delete(stream);
    });
    return turn;
  }

  /**
   * Decides on the cached state while earlier appends of the stream may still be committing; the cache moves on at
   * once to the state after these events, so that the next command of the stream can be decided meanwhile. The
   * append itself is issued only once the stream's previous append has committed: had the previous one failed
   * (another process wrote first), this decision rests on a state that never existed, so it fails too and is
   * decided again on state read from the store. Issued at once instead, it could pass its expected revision on
   * top of the other process's events.
   */
  private async decideAndAppend(command: DomainCommand, meta: CommandMeta, stream: string): Promise<{ committed: Promise<CommandResult> }> {
    const predecessor = this.appends.get(stream);
    let own = await this.states.load(stream);
    if (predecessor === undefined && !preconditionHolds(meta.expectedRevision, own.revision)) {
      // Nothing of ours is in flight, so the cache may only be stale (another process wrote): judge on the store.
      this.states.forget(stream);
      own = await this.states.load(stream);
    }
    const states = await this.contextStates(command, stream, own.state);
    // Scope first: a key scoped to another member learns nothing from a 412 about the entity's revisions.
    this.checkScope(command, states, meta.principal);
    const release = await this.addSiblings(command, states);
    try {
      const { committed } = this.decideAndQueue(command, meta, stream, own, states, predecessor);
      // The siblings stay held until this command's events are in the store (the next check then sees them).
      committed.then(release, release);
      return { committed };
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Decides on the states gathered and queues the append (see decideAndAppend); throws the domain's refusal. */
  private decideAndQueue(
    command: DomainCommand,
    meta: CommandMeta,
    stream: string,
    own: LoadedState<unknown>,
    states: DomainStates,
    predecessor: Promise<unknown> | undefined,
  ): { committed: Promise<CommandResult> } {
    // Never before the stream's last event, whatever this process's clock says (another process, a clock stepped
    // back): as-of reads find a stream's state at an instant by recordedAt, which must grow with the revision.
    const clockNow = this.clock.now().toISOString();
    const now = own.recordedAt !== null && own.recordedAt > clockNow ? own.recordedAt : clockNow;
    const decide = (): readonly DomainEvent[] => decideWith(command, states, { now, actor: { id: meta.principal.keyId, role: meta.principal.role } });
    if (!preconditionHolds(meta.expectedRevision, own.revision)) {
      // An entity that does not exist (a mistyped id) is the domain's not-found, as without If-Match: no revision
      // read again could make the command pass. The decider says so (and whose entity it would have been).
      if (own.revision === null) decide();
      throw new WrongExpectedVersionError(stream, meta.expectedRevision!, own.revision ?? 'no_stream');
    }
    const events = decide();
    const expected: ExpectedRevision = own.revision === null ? 'no_stream' : own.revision;
    /** Runs once the state decided on has committed; fails with WrongExpectedVersion (redecide) if it never will. */
    const afterPredecessor = <T>(run: () => T | Promise<T>): Promise<T> =>
      predecessor === undefined
        ? Promise.resolve(run())
        : predecessor.then(run, () => {
            throw new WrongExpectedVersionError(stream, expected, own.revision ?? 'no_stream');
          });
    if (events.length === 0) {
      // Nothing to write: answer once the state decided on has committed (it may include appends in flight).
      const committed = afterPredecessor((): CommandResult => ({ stream, revision: String(own.revision ?? -1n), position: null, eventIds: [], eventTypes: [], notices: [] }));
      committed.catch(() => undefined);
      return { committed };
    }
    const reason = reasonOf(command);
    const toAppend: NewEvent[] = events.map((event, index) => ({
      id: this.ids.eventId(meta.commandId, index),
      type: event.type,
      schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
      data: event.data as unknown as NewEvent['data'],
      metadata: {
        actorId: meta.principal.keyId,
        actorRole: meta.principal.role,
        commandId: meta.commandId,
        correlationId: meta.correlationId,
        causationId: null,
        reason,
        recordedAt: now,
      },
    }));
    const appended = afterPredecessor(() => this.store.append(stream, toAppend, { expectedRevision: expected }));
    this.appends.set(stream, appended);
    const settled = (): void => {
      if (this.appends.get(stream) === appended) this.appends.delete(stream);
    };
    appended.then(settled, settled);
    this.states.applied(stream, own, events as readonly DomainEvent[], (own.revision ?? -1n) + BigInt(events.length), now);
    const committed = appended.then(
      (result): CommandResult => ({
        stream,
        revision: result.nextRevision.toString(),
        position: positionText(result.position),
        eventIds: toAppend.map((e) => e.id),
        eventTypes: toAppend.map((e) => e.type),
        notices: noticesOf(events, () => recordedOn(now, states, memberOfTarget(command, states))),
      }),
      (error: unknown) => {
        this.states.forget(stream);
        throw error;
      },
    );
    // The caller awaits it after its turn; this keeps an early rejection from being reported as unhandled meanwhile.
    committed.catch(() => undefined);
    return { committed };
  }

  /** The states decideWith needs: the command's own stream plus, read fresh, the member, or the plan and its member. */
  private async contextStates(command: DomainCommand, stream: string, ownState: unknown): Promise<DomainStates> {
    const states: { members: Record<string, MemberState>; plans: Record<string, PlanState>; commitments: Record<string, CommitmentState> } = {
      members: {},
      plans: {},
      commitments: {},
    };
    const id = stream.slice(stream.indexOf('-') + 1);
    if (stream.startsWith('member-')) {
      states.members[id] = ownState as MemberState;
    } else if (stream.startsWith('plan-')) {
      const plan = ownState as PlanState;
      states.plans[id] = plan;
      const memberId = command.type === 'DraftActionPlan' ? command.data.memberId : plan?.memberId;
      if (memberId !== undefined) states.members[memberId] = (await this.states.loadFresh<MemberState>(`member-${memberId}`)).state;
    } else {
      const commitment = ownState as CommitmentState;
      states.commitments[id] = commitment;
      const c = command as CommitmentCommand;
      const planId = c.type === 'AddCommitment' ? c.data.planId : commitment?.planId;
      if (planId === undefined) return states;
      const plan = (await this.states.loadFresh<PlanState>(`plan-${planId}`)).state;
      states.plans[planId] = plan;
      // The member's time zone says which day "today" is for the commitment's dates.
      if (plan !== null) states.members[plan.memberId] = (await this.states.loadFresh<MemberState>(`member-${plan.memberId}`)).state;
    }
    return states;
  }

  /**
   * The siblings some rules compare with (see SiblingStates): a member's other plans for a draft, a plan's other
   * commitments for a command naming an OGP id. Read after the scope check, so that a refused key reads none; the
   * command's own streams, read fresh before, win over the read models' copies of them. The siblings are held
   * (returned: the release) until the command's events commit, so that two such commands in this process are
   * checked one after the other: sent at once, two drafts of the same years were both accepted.
   */
  private async addSiblings(command: DomainCommand, states: DomainStates): Promise<Release> {
    const siblings = this.siblings;
    if (siblings === null) return NOTHING_HELD;
    if (command.type === 'DraftActionPlan') {
      const { memberId } = command.data;
      return this.holding(`plans-of:${memberId}`, async () => {
        for (const other of await siblings.plansOf(memberId)) if (!(other.planId in states.plans)) states.plans[other.planId] = other;
      });
    }
    if (!isCommitmentCommand(command) || !namesOgpId(command)) return NOTHING_HELD;
    const planId = command.type === 'AddCommitment' ? command.data.planId : states.commitments[command.data.commitmentId]?.planId;
    if (planId === undefined) return NOTHING_HELD;
    return this.holding(`commitments-of:${planId}`, async () => {
      for (const other of await siblings.commitmentsOf(planId)) if (!(other.commitmentId in states.commitments)) states.commitments[other.commitmentId] = other;
    });
  }

  /** Holds a sibling set and reads it; the caller releases it once its command has settled (or at once, on error). */
  private async holding(siblingSet: string, read: () => Promise<void>): Promise<Release> {
    const release = await this.siblingChecks.acquire(siblingSet);
    try {
      await read();
      return release;
    } catch (error) {
      release();
      throw error;
    }
  }

  /** A key scoped to one member may only touch that member's streams (403 before anything is decided). */
  private checkScope(command: DomainCommand, states: DomainStates, principal: Principal): void {
    const member = memberOfTarget(command, states);
    if (member !== undefined) assertMemberScope(principal, member);
  }
}

const NOTHING_HELD: Release = () => undefined;

function preconditionHolds(expected: ExpectedRevision | undefined, actual: bigint | null): boolean {
  if (expected === undefined || expected === 'any') return true;
  return expected === 'exists' ? actual !== null : expected === 'no_stream' ? actual === null : actual !== null && actual === expected;
}

/** The day `now` is in the zone of the member acted on (UTC when it is not known): the day the events are recorded on. */
function recordedOn(now: string, states: DomainStates, memberId: string | undefined): IsoDate {
  const member = memberId === undefined ? null : (states.members[memberId] ?? null);
  return dateOf(now, member?.timeZone ?? DEFAULT_TIME_ZONE);
}

/** A command that gives a commitment its OGP id, which no other commitment of the plan may have. */
function namesOgpId(command: CommitmentCommand): boolean {
  const ogpId = command.type === 'AddCommitment' ? command.data.ogpId : command.type === 'ReviseCommitment' ? command.data.changes.ogpId : undefined;
  return typeof ogpId === 'string';
}

/** The member a command acts on, when it can be known (undefined: the target does not exist yet or at all). */
function memberOfTarget(command: DomainCommand, states: DomainStates): string | undefined {
  const data = command.data as { memberId?: string; planId?: string; commitmentId?: string };
  // Every command on a member's stream names it, as a draft names its member (a list of command types here once
  // left out ChangeMemberTimeZone: a key scoped to one member could change another's zone).
  if (isMemberCommand(command) || command.type === 'DraftActionPlan') return data.memberId;
  if (data.commitmentId !== undefined && command.type !== 'AddCommitment') return states.commitments[data.commitmentId]?.memberId;
  if (data.planId !== undefined) return states.plans[data.planId]?.memberId;
  return undefined;
}
