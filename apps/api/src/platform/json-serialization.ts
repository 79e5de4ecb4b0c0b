// The one JSON serializer of responses: bigint (revisions, positions) becomes a decimal string instead of throwing.

const bigintAsString = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

export function serializeJson(payload: unknown): string {
  // Plain JSON.stringify first: a replacer function takes V8 off its fast path for every value, and most answers
  // hold no bigint. One that does makes stringify throw a TypeError, and is written again with the replacer.
  try {
    return JSON.stringify(payload);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(payload, bigintAsString);
  }
}
