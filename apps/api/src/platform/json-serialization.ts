// The one JSON serializer of responses: bigint (revisions, positions) becomes a decimal string instead of throwing.
export function serializeJson(payload: unknown): string {
  return JSON.stringify(payload, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}
