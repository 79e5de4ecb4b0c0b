// Upcasters applied on read: registered by (type, fromVersion), chained until none matches.
import type { JsonObject, Upcaster } from './port';

export class UpcasterChain {
  private readonly byKey = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const u of upcasters) {
      const key = `${u.fromVersion}\u0000${u.type}`;
      if (this.byKey.has(key)) throw new Error(`Two upcasters for ${u.type} v${u.fromVersion}`);
      this.byKey.set(key, u);
    }
  }

  get isEmpty(): boolean {
    return this.byKey.size === 0;
  }

  /** Returns the data and version after every matching upcaster ran (each one raises the version by one). */
  apply(type: string, schemaVersion: number, data: JsonObject): { data: JsonObject; schemaVersion: number } {
    let version = schemaVersion;
    let current = data;
    for (let u = this.byKey.get(`${version}\u0000${type}`); u; u = this.byKey.get(`${version}\u0000${type}`)) {
      current = u.upcast(current);
      version++;
    }
    return { data: current, schemaVersion: version };
  }
}
