// Writes a scripted command sequence (the Semarang demo) into a store through the same handler as the API.
import { isDomainError, SEMARANG_DEMO, streamOf, type DemoStep } from '@ogp/domain';
import type { EventStore } from '@ogp/event-store';
import { FixedClock } from '../clock/fixed-clock';
import { IdGenerator, OGP_ID_NAMESPACE } from '../ids/id-generator';
import { AggregateStates } from '../commands/aggregate-states';
import { IssueCommand, IssueCommandHandler } from '../commands/issue-command';

export interface SeedResult {
  /** False when every step was already in the store: nothing was written. */
  readonly seeded: boolean;
  readonly steps: number;
  /** Events written now (steps already stored write none). */
  readonly events: number;
}

export interface SeedOptions {
  readonly steps?: readonly DemoStep[];
  readonly onStep?: (done: number, total: number) => void;
}

/**
 * Each step is issued at its scripted instant by its scripted actor. Command ids are derived from the step's
 * index, so the events of a seed are the same ids whatever the machine, and a step whose events are already in
 * its stream is skipped: a seed that stopped half way (a crash, ^C) is finished by running it again.
 */
export async function seedDemo(store: EventStore, options: SeedOptions = {}): Promise<SeedResult> {
  const steps = options.steps ?? SEMARANG_DEMO;
  const ids = new IdGenerator();
  const clock = new FixedClock();
  const handler = new IssueCommandHandler(store, clock, ids, new AggregateStates(store));
  const namespace = ids.fromName(OGP_ID_NAMESPACE, 'demo-seed');
  let events = 0;
  let written = 0;
  for (const [index, step] of steps.entries()) {
    const commandId = ids.fromName(namespace, String(index));
    if ((await handler.committedBy(streamOf(step.command), commandId)) === null) {
      clock.set(step.at);
      const result = await handler
        .execute(
          new IssueCommand(step.command, {
            principal: { keyId: step.actor.id, role: step.actor.role, name: step.actor.id, member: null },
            commandId,
            correlationId: commandId,
          }),
        )
        .catch((error: unknown) => {
          // The store holds something else under the demo's ids (a Semarang registered by hand, say): say which step
          // and what to do, not only the domain's refusal.
          if (!isDomainError(error)) throw error;
          throw new Error(
            `The demo's step ${index + 1} of ${steps.length} (${step.command.type}) was refused: ${error.message}. The store already holds other data under the demo's ids: seed into a fresh DATA_DIR.`,
          );
        });
      events += result.eventIds.length;
      written++;
    }
    options.onStep?.(index + 1, steps.length);
  }
  return { seeded: written > 0, steps: steps.length, events };
}
