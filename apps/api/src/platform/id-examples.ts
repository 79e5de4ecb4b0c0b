// Example ids for the OpenAPI document and for error messages: ids the API hands out, so that an example can be met.
import type { IdKind } from '@ogp/domain';

/**
 * A member is registered under a slug its admin chooses; plans, commitments, milestones, claims and forum meetings
 * get an id the server generates (a UUID), which the command's answer gives in `ids`.
 */
export const ID_EXAMPLES: Readonly<Record<IdKind, string>> = {
  member: 'semarang',
  plan: 'df6ef14d-87c1-504c-b211-9a4df811cccd',
  commitment: '309a5ce1-93a5-5aef-ad1f-5c534a718b27',
  milestone: '3f1c9a52-7b1d-5e0a-9c41-2d8e6f0b7a13',
  claim: '8d2b6e4f-1a3c-5b7d-9e0f-4c6a8b2d1e3f',
  meeting: '5c7e9a1b-2d4f-5a6c-8e0b-1d3f5a7c9e2b',
  'ogp-commitment': 'IDSMG0001',
};
