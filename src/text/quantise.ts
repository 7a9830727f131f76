/**
 * Compact, exact-to-reproduce storage of model numbers in JSON: weights as signed bytes with one
 * scale per label, sorted integer lists as delta varints, both base64-encoded.
 */

/** A matrix stored as int8: value[r][k] = bytes[r · K + k] · scales[k]. */
export type QuantisedColumns = { scales: number[]; bytes: string };

/** Rounds a number to 6 significant digits, so stored scales print the same on every platform. */
export function roundScale(value: number): number {
  return Number(value.toPrecision(6));
}

/**
 * Quantises a row-major rows × K matrix to int8, one scale per column:
 * scale_k = max_r |w[r][k]| / 127, byte = round(w / scale_k).
 *
 * @param values - the matrix, row-major.
 * @param K - the number of columns.
 * @returns the scales and the base64 bytes.
 * @example quantiseColumns(Float64Array.of(1, -2, 0.5, 2), 2).scales // [0.00787402, 0.015748]
 */
export function quantiseColumns(values: Float64Array, K: number): QuantisedColumns {
  const scales: number[] = [];
  for (let k = 0; k < K; k++) {
    let max = 0;
    for (let i = k; i < values.length; i += K) max = Math.max(max, Math.abs(values[i]));
    scales.push(max > 0 ? roundScale(max / 127) : 1);
  }
  const bytes = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    bytes[i] = Math.max(-127, Math.min(127, Math.round(values[i] / scales[i % K])));
  }
  return { scales, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
}

/**
 * Reverses {@link quantiseColumns}.
 *
 * @param stored - the scales and bytes.
 * @returns the row-major matrix as stored (already rounded).
 * @example dequantiseColumns(quantiseColumns(Float64Array.of(1, 2), 2))[1] // 2
 */
export function dequantiseColumns(stored: QuantisedColumns): Float64Array {
  const K = stored.scales.length;
  const bytes = new Int8Array(Buffer.from(stored.bytes, 'base64'));
  const values = new Float64Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) values[i] = bytes[i] * stored.scales[i % K];
  return values;
}

/**
 * Encodes an ascending list of non-negative integers as base64 LEB128 varints of the gaps.
 *
 * @param sorted - ascending integers ≥ 0.
 * @returns the base64 text.
 * @example decodeAscending(encodeAscending([3, 200, 70000])) // [3, 200, 70000]
 */
export function encodeAscending(sorted: ArrayLike<number>): string {
  const bytes: number[] = [];
  let previous = 0;
  for (let i = 0; i < sorted.length; i++) {
    let gap = sorted[i] - previous;
    if (gap < 0 || (i > 0 && gap === 0)) throw new RangeError('values must be strictly ascending');
    previous = sorted[i];
    do {
      const low = gap & 0x7f;
      gap = Math.floor(gap / 128);
      bytes.push(gap > 0 ? low | 0x80 : low);
    } while (gap > 0);
  }
  return Buffer.from(bytes).toString('base64');
}

/**
 * Reverses {@link encodeAscending}.
 *
 * @param text - the base64 varints.
 * @returns the integers.
 * @example decodeAscending(encodeAscending([0, 1])) // [0, 1]
 */
export function decodeAscending(text: string): Int32Array {
  const bytes = Buffer.from(text, 'base64');
  const values: number[] = [];
  let previous = 0;
  let gap = 0;
  let shift = 1;
  for (const byte of bytes) {
    gap += (byte & 0x7f) * shift;
    if (byte & 0x80) shift *= 128;
    else {
      previous += gap;
      values.push(previous);
      gap = 0;
      shift = 1;
    }
  }
  return Int32Array.from(values);
}
