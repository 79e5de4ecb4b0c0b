// The documented table of environment variables: name, default and meaning (rendered into the README).
import type { ConfigVariable } from './app-config';

export interface ConfigVariableDoc {
  readonly name: ConfigVariable;
  readonly default: string;
  readonly meaning: string;
}

export const CONFIG_TABLE: readonly ConfigVariableDoc[] = [
  { name: 'PORT', default: '3000', meaning: 'TCP port the HTTP API listens on' },
  { name: 'HOST', default: '0.0.0.0', meaning: 'interface the HTTP API binds to' },
  {
    name: 'DATA_DIR',
    default: './data',
    meaning: "directory (created if missing) for the embedded event store, API keys, idempotency records, read models, the ledger log's index and the signing key",
  },
  { name: 'EVENT_STORE', default: 'sqlite', meaning: 'event store adapter: `sqlite` (embedded, DATA_DIR/events.sqlite) or `esdb` (EventStoreDB/KurrentDB)' },
  { name: 'EVENTSTORE_CONNECTION_STRING', default: '(none)', meaning: 'EventStoreDB connection string, e.g. `esdb://localhost:2113?tls=false`; required when EVENT_STORE=esdb' },
  {
    name: 'KEY_STORE',
    default: 'sqlite',
    meaning: 'where API keys live: `sqlite` (DATA_DIR/access.sqlite, this instance only) or `event-store` (as events in the event store, shared by every instance of one EventStoreDB)',
  },
  { name: 'SQLITE_SYNCHRONOUS', default: 'FULL', meaning: 'SQLite `synchronous` pragma for the embedded store: FULL (durable at each commit) or NORMAL (faster; the last commits may be lost on power loss)' },
  { name: 'LOG_LEVEL', default: 'info', meaning: 'pino log level: fatal, error, warn, info, debug, trace or silent' },
  { name: 'BODY_LIMIT_BYTES', default: '1048576', meaning: 'largest accepted request body; larger bodies get 413' },
  { name: 'RATE_LIMIT_WRITES_PER_MINUTE', default: '600', meaning: 'write requests (POST/PUT/PATCH/DELETE) allowed per API key per minute, across every write route; more get 429 (raise it for a bulk import)' },
  { name: 'LEDGER_ORIGIN', default: 'ogp-ledger.local/log', meaning: 'origin line of signed checkpoints (C2SP tlog-checkpoint); names this log' },
  { name: 'CHECKPOINT_INTERVAL_SECONDS', default: '60', meaning: 'how often a new signed checkpoint is issued' },
  {
    name: 'IDEMPOTENCY_RETENTION_HOURS',
    default: '168',
    meaning: "how long the answer to a request with an Idempotency-Key is kept for its retries (7 days); `0` keeps them forever",
  },
  {
    name: 'SIGNING_KEY_FILE',
    default: 'DATA_DIR/ledger-signing.key',
    meaning: 'Ed25519 key that signs checkpoints (created if missing, unless the log already holds signed checkpoints: then the start is refused)',
  },
  {
    name: 'SIGNING_KEY_NEW',
    default: '0',
    meaning: '`1` creates a new signing key when SIGNING_KEY_FILE is missing though the log holds checkpoints signed with another (the old checkpoints then verify only with the old public key)',
  },
];

/** The table as Markdown, for the README and `--help` texts. */
export function configTableMarkdown(): string {
  const rows = CONFIG_TABLE.map((v) => `| \`${v.name}\` | \`${v.default}\` | ${v.meaning} |`);
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
