// How an entity row stores its state: a commitment's without its claims, which its claim rows hold.
import type { ReadModelDb } from '../projection';
import { cachedStatement } from '../statement-cache';
import { CLAIM_TABLE } from './entity-state.tables';

/**
 * A state as its entity row stores it. A commitment's claims are left out (an empty list in their place), being
 * stored one row each in the claim table: the row then stays the same size however many claims the commitment
 * collects, instead of being rewritten whole, with every claim, by each event. `claimsIn` names the property the
 * claims were taken from (null: stored whole), for parseStoredState to put them back.
 */
export function storedState(state: unknown, claimsProperty: string | undefined): { readonly state: unknown; readonly claimsIn: string | null } {
  if (claimsProperty === undefined || typeof state !== 'object' || state === null) return { state, claimsIn: null };
  if (!Array.isArray((state as Record<string, unknown>)[claimsProperty])) return { state, claimsIn: null };
  return { state: { ...state, [claimsProperty]: [] }, claimsIn: claimsProperty };
}

/**
 * An entity row's state, parsed, with the claims its row left out put back from the claim table in their order.
 * Read it in the same transaction as the row, so that both come from one batch.
 */
export function parseStoredState(db: ReadModelDb, entityId: string, text: string, claimsIn: string | null): unknown {
  const state = JSON.parse(text) as unknown;
  if (claimsIn === null) return state;
  const rows = cachedStatement(db, `SELECT state FROM ${CLAIM_TABLE} WHERE commitment_id = ? ORDER BY ordinal`).all(entityId) as { state: string }[];
  // One parse of the joined texts rather than one per claim: the same result, with less work per claim.
  (state as Record<string, unknown>)[claimsIn] = JSON.parse(`[${rows.map((r) => r.state).join(',')}]`) as unknown;
  return state;
}
