// The verifier's stream -> slot table, keyed by a hash of the name that the native addon computes while it copies
// the name anyway. Why: a Map lookup first hashes the freshly parsed name string itself, reading its characters
// again: a third of the verifier's JS time per event.

/** FNV-1a over the name's UTF-16 code units, top 30 bits: what native/sha256 computes over a plain ASCII name. */
export function streamHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 2;
}

/** Slots 0, 1, 2... in order of first appearance; open addressing on the given hashes, names compared to confirm. */
export class StreamSlots {
  /** slot + 1 per bucket; 0: empty. At most half full. */
  private table = new Int32Array(1024);
  private readonly names: string[] = [];
  private readonly hashes: number[] = [];

  get size(): number {
    return this.names.length;
  }

  /** The slot of `name` (whose streamHash is `hash`), or -1. */
  get(name: string, hash: number): number {
    const mask = this.table.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const entry = this.table[i]!;
      if (entry === 0) return -1;
      if (this.hashes[entry - 1] === hash && this.names[entry - 1] === name) return entry - 1;
    }
  }

  /** Adds a name not yet in the table; returns its slot. */
  add(name: string, hash: number): number {
    const slot = this.names.length;
    this.names.push(name);
    this.hashes.push(hash);
    if (2 * this.names.length <= this.table.length) this.place(slot);
    else {
      this.table = new Int32Array(2 * this.table.length);
      for (let s = 0; s <= slot; s++) this.place(s);
    }
    return slot;
  }

  private place(slot: number): void {
    const mask = this.table.length - 1;
    let i = this.hashes[slot]! & mask;
    while (this.table[i] !== 0) i = (i + 1) & mask;
    this.table[i] = slot + 1;
  }
}
