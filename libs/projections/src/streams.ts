// Stream naming conventions shared by the read models: `<kind>-<id>`, and the streams read models ignore.
export type EntityKind = 'member' | 'plan' | 'commitment';

export const LEDGER_CHECKPOINT_STREAM = 'ledger-checkpoints';

export interface StreamName {
  readonly kind: EntityKind;
  readonly id: string;
}

/** The entity a stream holds, or null for streams that are not domain entities (ledger checkpoints, unknown). */
export function parseStream(stream: string): StreamName | null {
  const dash = stream.indexOf('-');
  if (dash <= 0) return null;
  const kind = stream.slice(0, dash);
  const id = stream.slice(dash + 1);
  if (id.length === 0) return null;
  if (kind === 'member' || kind === 'plan' || kind === 'commitment') return { kind, id };
  return null;
}

/** The hot-path check: does the stream hold a member, plan or commitment (no allocation)? */
export function isEntityStream(stream: string): boolean {
  return (
    (stream.startsWith('commitment-') && stream.length > 11) ||
    (stream.startsWith('plan-') && stream.length > 5) ||
    (stream.startsWith('member-') && stream.length > 7)
  );
}

export function entityStream(kind: EntityKind, id: string): string {
  return `${kind}-${id}`;
}
