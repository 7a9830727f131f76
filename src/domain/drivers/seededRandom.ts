/** A source of uniform numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * Seeded pseudo-random generator (mulberry32, by Tommy Ettinger): 32-bit state, period 2^32, fast
 * and good enough for resampling. The same seed always gives the same sequence, so bootstrap
 * intervals are reproducible.
 *
 * @param seed any integer (taken modulo 2^32)
 * @returns a function returning the next number in [0, 1)
 * @example mulberry32(1)() // 0.6270739405881613
 */
export function mulberry32(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A uniform integer in 0…size−1 drawn from a random source.
 *
 * @param random a source of uniform numbers in [0, 1)
 * @param size number of possible values (positive integer)
 * @returns floor(random() · size)
 * @example randomIndex(() => 0.5, 10) // 5
 */
export function randomIndex(random: RandomSource, size: number): number {
  return Math.floor(random() * size);
}
