// Public surface of @ogp/tracker: the application layer's infrastructure (config, clock, ids, access, idempotency,
// event store wiring, metrics) and, added by the use cases, their commands and handlers.

// Configuration
export * from './config/app-config';
export * from './config/config-table';
export * from './config/field-messages';
export * from './config/load-config';
export * from './config/start-up-error';
export * from './config/start-up-failure';
export * from './config/config.module';
export * from './config/tracker-infrastructure.module';

// Clock
export * from './clock/clock';
export * from './clock/system-clock';
export * from './clock/fixed-clock';
export * from './clock/clock.module';

// Ids
export * from './ids/id-generator';
export * from './ids/ids.module';

// Access (API keys)
export * from './access/principal';
export * from './access/command-context';
export * from './access/api-key';
export * from './access/key-store';
export * from './access/sqlite-key-store';
export * from './access/ensure-admin-key';
export * from './access/member-scope';
export * from './access/access.module';

// Idempotency
export * from './idempotency/idempotency-store';
export * from './idempotency/sqlite-idempotency-store';
export * from './idempotency/idempotency.module';

// Event store wiring
export * from './store/event-store.module';
export * from './store/open-event-store';

// Metrics and readiness
export * from './metrics/metrics.service';
export * from './metrics/readiness.service';
export * from './metrics/metrics.module';

// Use cases (commands and handlers) are added below.

// Commands (the one IssueCommand use case behind every admin and reviewer route)
export * from './commands/aggregate-states';
export * from './commands/issue-command';
export * from './commands/tracker-commands.module';

// Demo data seeding
export * from './demo/seed-demo';

// Read side: read models and queries
export * from './read-models/read-models.service';
export * from './read-models/read-models.module';
export * from './queries/read-result';
export * from './queries/entity-not-found.error';
export * from './queries/get-entity.query';
export * from './queries/get-entity-history.query';
export * from './queries/get-event-feed.query';
export * from './queries/get-diff.query';
export * from './queries/get-progress.query';
export * from './queries/get-compliance.query';
export * from './queries/get-claims.query';
export * from './queries/get-member-plans.query';
export * from './queries/position-beyond-log.error';
export * from './queries/get-checksum.query';
export * from './queries/list-published-plans.query';

// Ledger: signing key, the live global Merkle log, store verification
export * from './ledger/signing-key';
export * from './ledger/ledger-log';
export * from './ledger/verify-store';
export * from './ledger/ledger.module';
