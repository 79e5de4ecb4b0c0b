// One holder per key at a time, held across awaits until released: a check made against siblings and the append it
// lets through are not interleaved with another command's check of the same siblings.

export type Release = () => void;

export class KeyedMutex {
  /** Per key, the promise that settles once the last holder queued has released. */
  private readonly tails = new Map<string, Promise<void>>();

  /** Waits for the holders queued before, then holds the key until the returned function is called (once counts). */
  async acquire(key: string): Promise<Release> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: Release;
    const released = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => released);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    await previous;
    return release;
  }

  /** Keys held or waited for: empty once every holder has released (no entry is kept for a key no one holds). */
  get size(): number {
    return this.tails.size;
  }
}
