// The EventStoreDB mapping, checked offline: what the server stores and returns hashes exactly as in SQLite.
import type { AllStreamRecordedEvent } from '@eventstore/db-client';
import { eventHash } from '@ogp/ledger';
import { chainEvents, toCanonical } from '../chain-entry';
import { newEvent } from '../contract/contract-events';
import { UpcasterChain } from '../upcasting';
import { fromRecorded, toEventData } from './esdb-codec';

/** What the client does on the wire: JSON.stringify on append, JSON.parse on read. */
function throughServer(stream: string, revision: bigint, data: unknown, metadata: unknown, id: string, type: string): AllStreamRecordedEvent {
  return {
    streamId: stream,
    id,
    isJson: true,
    revision,
    type,
    created: new Date(),
    data: JSON.parse(JSON.stringify(data)) as Record<string, unknown>,
    metadata: JSON.parse(JSON.stringify(metadata)) as Record<string, unknown>,
    position: { commit: 10n + revision, prepare: 10n + revision },
  };
}

describe('EventStoreDB codec', () => {
  const upcasters = new UpcasterChain([{ type: 'x.Renamed', fromVersion: 1, upcast: ({ name }) => ({ title: name ?? null }) }]);

  it('returns the canonical texts that were hashed, so hashes match the SQLite adapter', () => {
    const events = [newEvent('x.Renamed', { name: 'Kota Semarang 🇮🇩', n: 1e21, z: -0 }, 1, { reason: 'é' }), newEvent('x.Other', { b: [1, { a: null }] })];
    const chained = chainEvents('plan-1', null, events.map(toCanonical));
    chained.forEach((c, i) => {
      const sent = toEventData(c);
      if (sent.contentType !== 'application/json') throw new Error('expected a JSON event');
      const back = fromRecorded(throughServer('plan-1', c.revision, sent.data, sent.metadata, sent.id, sent.type), upcasters, true)!;
      expect(back.raw).toEqual({ data: c.dataText, metadata: c.metadataText, schemaVersion: c.schemaVersion });
      expect(back.metadata).toEqual(events[i]!.metadata);
      expect(back).toMatchObject({ hash: c.hash, prevHash: c.prevHash, position: { commit: 10n + c.revision } });
      const { data, metadata, schemaVersion } = back.raw!;
      expect(eventHash({ stream: 'plan-1', revision: c.revision, type: c.type, schemaVersion, data, metadata, prevHash: c.prevHash })).toBe(c.hash);
    });
  });

  it('upcasts unless raw is asked', () => {
    const [c] = chainEvents('plan-1', null, [toCanonical(newEvent('x.Renamed', { name: 'A' }))]);
    const sent = toEventData(c!);
    const recorded = throughServer('plan-1', 0n, sent.data, sent.metadata, sent.id, sent.type);
    expect(fromRecorded(recorded, upcasters, false)).toMatchObject({ schemaVersion: 2, data: { title: 'A' } });
    expect(fromRecorded(recorded, upcasters, true)).toMatchObject({ schemaVersion: 1, data: { name: 'A' } });
  });

  it('hides system events and events we did not write', () => {
    const [c] = chainEvents('plan-1', null, [toCanonical(newEvent('x.Other'))]);
    const sent = toEventData(c!);
    expect(fromRecorded(throughServer('$stats', 0n, sent.data, sent.metadata, sent.id, sent.type), upcasters, false)).toBeNull();
    expect(fromRecorded(throughServer('plan-1', 0n, sent.data, sent.metadata, sent.id, '$metadata'), upcasters, false)).toBeNull();
    expect(fromRecorded(throughServer('plan-1', 0n, sent.data, { actorId: 'x' }, sent.id, sent.type), upcasters, false)).toBeNull();
  });
});
