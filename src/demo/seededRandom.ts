/**
 * A small, fast, seeded PRNG (mulberry32) with the draws the demo needs. Deterministic: the same seed
 * gives the same programme on every machine.
 */
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export class SeededRandom {
  #state: number;
  #spare: number | null = null;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** The stream's position, to continue it elsewhere (e.g. in a worker thread). */
  snapshot(): { state: number; spare: number | null } {
    return { state: this.#state, spare: this.#spare };
  }

  static restore(snapshot: { state: number; spare: number | null }): SeededRandom {
    const random = new SeededRandom(0);
    random.#state = snapshot.state;
    random.#spare = snapshot.spare;
    return random;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** 32 bits of the stream as 8 hex digits (a byte table: ids are made by the million). */
  #hexWord(): string {
    const bits = Math.floor(this.next() * 4294967296);
    return (
      HEX_BYTES[bits >>> 24] +
      HEX_BYTES[(bits >>> 16) & 255] +
      HEX_BYTES[(bits >>> 8) & 255] +
      HEX_BYTES[bits & 255]
    );
  }

  /** Standard normal by Box–Muller, keeping the second draw for the next call. */
  normal(): number {
    if (this.#spare !== null) {
      const spare = this.#spare;
      this.#spare = null;
      return spare;
    }
    const u = 1 - this.next();
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.#spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  /**
   * A version-7 UUID (RFC 9562): the time in milliseconds first, then bits from this stream. Ids made
   * in time order sort in time order, so the primary-key index grows at its right edge instead of
   * being written all over (measured: a quarter of the cost of a bulk COPY with random ids).
   */
  timeOrderedUuid(ms: number): string {
    const time = Math.floor(ms).toString(16).padStart(12, '0');
    const rest = this.#hexWord() + this.#hexWord() + this.#hexWord();
    const variant = '89ab'[Number.parseInt(rest[3], 16) & 3];
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${rest.slice(0, 3)}-${variant}${rest.slice(4, 7)}-${rest.slice(7, 19)}`;
  }

  /** A version-4-shaped UUID drawn from this stream, so demo ids are reproducible too. */
  uuid(): string {
    const word = () =>
      Math.floor(this.next() * 4294967296)
        .toString(16)
        .padStart(8, '0');
    const hex = word() + word() + word() + word();
    const variant = '89ab'[Number.parseInt(hex[16], 16) & 3];
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
