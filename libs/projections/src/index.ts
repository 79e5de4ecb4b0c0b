// Public surface of @ogp/projections: the checkpointed runner, the read models and their queries, time travel,
// replay and checksums, and the exports.

// Projections and their database
export * from './projection';
export { minPosition } from './positions';
export * from './streams';
export * from './read-model-db';
export * from './read-models';

// Runner
export * from './runner/checkpoints';
export * from './runner/errors';
export * from './runner/projection-runner';
export * from './runner/store-match';

// Audit trail
export * from './audit-trail/audit-entry';
export { auditTrailProjection, AUDIT_TABLE } from './audit-trail/audit-trail.projection';
export * from './audit-trail/audit-trail.queries';
export * from './audit-trail/diff.queries';

// Entity state (members, plans, commitments, milestones, claims) and as-of state
export * from './entity-state/state-model';
export { entityStateProjection } from './entity-state/entity-state.projection';
export { SNAPSHOT_EVERY } from './entity-state/entity-state.tables';
export * from './entity-state/entity-state.queries';

// Replay, rebuild, checksums
export * from './replay/checksum';
export * from './replay/rebuild';
export * from './replay/replay';

// Exports
export * from './export/csv';
export * from './export/export-events';
export * from './export/export-commitments';
export * from './as-of';

// The binding to @ogp/domain, progress and compliance
export * from './entity-state/domain-state-model';
export * from './progress/progress.queries';
export * from './compliance/compliance.queries';
export * from './replay/progress-line';
