// Writes a scripted command sequence (the Semarang demo) into a store through the same handler as the API.
import { SEMARANG_DEMO, streamOf, type DemoStep } from '@ogp/domain';
import type { EventStore } from '@ogp/event-store';
import { FixedClock } from '../clock/fixed-clock';
import { IdGenerator, OGP_ID_NAMESPACE } from '../ids/id-generator';
import { AggregateStates } from '../commands/aggregate-states';
import { IssueCommand, IssueCommandHandler } from '../commands/issue-command';

export interface SeedResult {
  /** False when the script's first stream already existed: nothing was written. */
  readonly seeded: boolean;
  readonly steps: number;
  readonly events: number;
}

export interface SeedOptions {
  readonly steps?: readonly DemoStep[];
  readonly onStep?: (done: number, total: number) => void;
}

/**
 * Each step is issued at its scripted instant by its scripted actor. Command ids are derived from the step's
 * index, so the events of a seed are the same ids whatever the machine; a store that already holds the script's
 * first stream is left alone.
 */
export async function seedDemo(store: EventStore, options: SeedOptions = {}): Promise<SeedResult> {
  const steps = options.steps ?? SEMARANG_DEMO;
  const ids = new IdGenerator();
  const clock = new FixedClock();
  const handler = new IssueCommandHandler(store, clock, ids, new AggregateStates(store));
  const first = steps[0];
  if (first === undefined) return { seeded: false, steps: 0, events: 0 };
  if (await streamExists(store, streamOf(first.command))) return { seeded: false, steps: steps.length, events: 0 };

  const namespace = ids.fromName(OGP_ID_NAMESPACE, 'demo-seed');
  let events = 0;
  for (const [index, step] of steps.entries()) {
    clock.set(step.at);
    const commandId = ids.fromName(namespace, String(index));
    const result = await handler.execute(
      new IssueCommand(step.command, {
        principal: { keyId: step.actor.id, role: step.actor.role, name: step.actor.id, member: null },
        commandId,
        correlationId: commandId,
      }),
    );
    events += result.eventIds.length;
    options.onStep?.(index + 1, steps.length);
  }
  return { seeded: true, steps: steps.length, events };
}

async function streamExists(store: EventStore, stream: string): Promise<boolean> {
  for await (const _event of store.readStream(stream, { maxCount: 1 })) return true;
  return false;
}
