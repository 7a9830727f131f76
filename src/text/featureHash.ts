/**
 * 32-bit string hashing for feature hashing. Hand-written: FNV-1a is a few lines and has to run
 * incrementally over character n-grams without building substrings, which the hashing packages on
 * npm (murmurhash-js and kin) do not offer; they also read only the low byte of each UTF-16 unit.
 */

/** FNV-1a 32-bit offset basis: the hash of the empty string. */
export const FNV_OFFSET = 0x811c9dc5;

/**
 * One FNV-1a step: folds one UTF-16 code unit into a running hash.
 *
 * Formula: h' = (h XOR c) · 16777619 mod 2^32.
 *
 * @param hash - the running hash (start from {@link FNV_OFFSET}).
 * @param code - the next code unit.
 * @returns the new running hash, unsigned.
 * @example fnvStep(FNV_OFFSET, 97) // 3826002220 (the FNV-1a hash of "a")
 */
export function fnvStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 16777619) >>> 0;
}

/**
 * FNV-1a 32-bit hash of a string, over its UTF-16 code units, continuing from `seed`.
 *
 * @param text - the string.
 * @param seed - the running hash to continue from (default {@link FNV_OFFSET}).
 * @returns the hash, an unsigned 32-bit integer.
 * @example fnv1a('a') // 3826002220
 */
export function fnv1a(text: string, seed = FNV_OFFSET): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = fnvStep(hash, text.charCodeAt(i));
  return hash;
}

/**
 * The murmur3 finaliser: spreads every input bit over the output, so that the low bits used as a
 * bucket index are well mixed even where FNV's are not.
 *
 * @param hash - a 32-bit value.
 * @returns the mixed value, unsigned.
 * @example mix32(0) // 0
 */
export function mix32(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
