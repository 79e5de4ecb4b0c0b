// What the EventStoreDB subscription asks of the server, checked against a stand-in client (the contract suite runs
// against a real server when EVENTSTORE_CONNECTION_STRING is set).
import type { EventStoreDBClient } from '@eventstore/db-client';
import type { EventFilter } from '../port';
import { UpcasterChain } from '../upcasting';
import { EsdbSubscription } from './esdb-subscription';

/** The options of the first subscribeToAll call of a subscription with this filter. */
async function optionsSentFor(filter: EventFilter | undefined): Promise<Record<string, unknown>> {
  const calls: Record<string, unknown>[] = [];
  const client = {
    subscribeToAll: (options: Record<string, unknown>) => {
      calls.push(options);
      return { unsubscribe: async () => undefined, [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => undefined) }) };
    },
  } as unknown as EventStoreDBClient;
  const subscription = new EsdbSubscription(client, null, filter, new UpcasterChain([]), () => undefined);
  void subscription[Symbol.asyncIterator]().next();
  await new Promise((resume) => setImmediate(resume));
  await subscription.close();
  return calls[0]!;
}

describe('EsdbSubscription', () => {
  it('has the server filter by stream prefix, so that only events that can match cross the network', async () => {
    const options = await optionsSentFor({ streamPrefixes: ['apikey-'] });
    expect(options.filter).toMatchObject({ filterOn: 'streamName', prefixes: ['apikey-'] });
  });

  it('asks the server for every event without a prefix filter (types are checked by the client)', async () => {
    expect((await optionsSentFor(undefined)).filter).toBeUndefined();
    expect((await optionsSentFor({ eventTypes: ['ApiKeyCreated'] })).filter).toBeUndefined();
  });
});
