// The read models this library maintains, by name: what the runner, the rebuild and the checksum iterate over.
import { auditTrailProjection } from './audit-trail/audit-trail.projection';
import { entityStateProjection } from './entity-state/entity-state.projection';
import type { EntityStateModel } from './entity-state/state-model';
import type { Projection } from './projection';

export type ReadModelName = 'audit-trail' | 'entity-state';

export const READ_MODEL_NAMES: readonly ReadModelName[] = ['audit-trail', 'entity-state'];

/** Fresh projection objects for one database (projections hold prepared statements and batch caches). */
export function createProjections(model: EntityStateModel): Projection[] {
  return [auditTrailProjection(), entityStateProjection(model)];
}
