// The one JSON serializer of responses: bigint (revisions, positions) becomes a decimal string instead of throwing.

const bigintAsString = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

function stringify(payload: unknown): string {
  // Plain JSON.stringify first: a replacer function takes V8 off its fast path for every value, and most answers
  // hold no bigint. One that does makes stringify throw a TypeError, and is written again with the replacer.
  try {
    return JSON.stringify(payload);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(payload, bigintAsString);
  }
}

/** Plain objects and arrays frozen all the way down: nothing can change them, so neither can their JSON. */
function deeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  // A frozen Date, Map or Set still changes (its state is not in its properties).
  const proto: unknown = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return false;
  return Object.isFrozen(value) && Object.values(value).every(deeplyFrozen);
}

/** JSON of answers that cannot change (the read models' cached answers), by identity; null: not deeply frozen. */
const written = new WeakMap<object, string | null>();

export function serializeJson(payload: unknown): string {
  if (typeof payload !== 'object' || payload === null || !Object.isFrozen(payload)) return stringify(payload);
  const known = written.get(payload);
  if (typeof known === 'string') return known;
  const json = stringify(payload);
  if (known === undefined) written.set(payload, deeplyFrozen(payload) ? json : null);
  return json;
}
