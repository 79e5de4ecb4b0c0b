// Specs of the domain binding's needsUpcast: the same answer as the domain's own version table, for every type.
import { EVENT_SCHEMA_VERSIONS, EVENT_TYPES, isEventType } from '@ogp/domain';
import { domainStateModel } from './domain-state-model';

describe('domainStateModel', () => {
  describe('needsUpcast', () => {
    it('answers as the domain schema versions do, for every event type and for unknown types', () => {
      const types = [...EVENT_TYPES, 'Unknown', 'toString', 'constructor', '__proto__', 'hasOwnProperty', ''];
      for (const type of types) {
        for (let version = 0; version <= 4; version++) {
          const reference = version < (isEventType(type) ? EVENT_SCHEMA_VERSIONS[type] : 0);
          expect([type, version, domainStateModel.needsUpcast!(type, version)]).toEqual([type, version, reference]);
        }
      }
    });
  });
});
