// Builders for the contract suite: valid new events with unique ids and complete audit metadata.
import { randomUUID } from 'node:crypto';
import type { EventMetadata, JsonObject, NewEvent } from '../port';

export function newEvent(type: string, data: JsonObject = {}, schemaVersion = 1, metadata: Partial<EventMetadata> = {}): NewEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion,
    data,
    metadata: {
      actorId: 'admin-1',
      actorRole: 'admin',
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: null,
      reason: null,
      recordedAt: '2026-01-02T03:04:05.000Z',
      ...metadata,
    },
  };
}

export function manyEvents(n: number, type = 'contract.Counted', from = 0): NewEvent[] {
  const out: NewEvent[] = [];
  for (let i = 0; i < n; i++) out.push(newEvent(type, { n: from + i }));
  return out;
}

/** A prefix no other test (or earlier run against a shared server) uses. */
export function uniquePrefix(): string {
  return `ct${randomUUID().slice(0, 8)}-`;
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

/** Takes `n` items from a subscription (or fails after `timeoutMs`), leaving it open. */
export async function take<T>(iterable: AsyncIterable<T>, n: number, timeoutMs = 10000): Promise<T[]> {
  const out: T[] = [];
  const iterator = iterable[Symbol.asyncIterator]();
  const deadline = Date.now() + timeoutMs;
  while (out.length < n) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(1, deadline - Date.now()));
    });
    const next = await Promise.race([iterator.next(), timeout]);
    clearTimeout(timer);
    if (next === 'timeout') throw new Error(`Timed out after ${out.length} of ${n} items`);
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}
