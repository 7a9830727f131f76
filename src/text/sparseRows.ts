/**
 * Feature vectors over a model's own rows: the hashed dimensions it kept, numbered 0…R−1.
 */
import type { SparseVector } from './commentFeatures.ts';

/** A sparse vector over model rows: `values[i]` at row `rows[i]`. */
export type RowVector = { rows: Int32Array; values: Float64Array };

/**
 * Keeps the dimensions a model has rows for and renumbers them.
 *
 * @param vector - a hashed feature vector.
 * @param rowOf - dimension → row, −1 for dimensions the model dropped.
 * @returns the vector over rows (values unchanged, not renormalised).
 * @example toRows({ indices: Int32Array.of(5, 9), values: Float64Array.of(0.6, 0.8) }, rowOf).rows // rows of 5 and 9 that exist
 */
export function toRows(vector: SparseVector, rowOf: Int32Array): RowVector {
  let kept = 0;
  for (const index of vector.indices) if (rowOf[index] >= 0) kept++;
  const rows = new Int32Array(kept);
  const values = new Float64Array(kept);
  let at = 0;
  for (let i = 0; i < vector.indices.length; i++) {
    const row = rowOf[vector.indices[i]];
    if (row < 0) continue;
    rows[at] = row;
    values[at] = vector.values[i];
    at++;
  }
  return { rows, values };
}

/**
 * Multiplies each value by its row's inverse document frequency and rescales to unit length:
 * x'_i = x_i · idf(row_i) / ‖x ∘ idf‖.
 *
 * @param vector - a vector over rows.
 * @param idf - the idf of each row.
 * @returns the weighted unit vector (all zeros stays all zeros).
 * @example weighByIdf({ rows: Int32Array.of(0), values: Float64Array.of(0.5) }, Float64Array.of(3)).values // [1]
 */
export function weighByIdf(vector: RowVector, idf: Float64Array): RowVector {
  const values = new Float64Array(vector.values.length);
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    values[i] = vector.values[i] * idf[vector.rows[i]];
    squares += values[i] * values[i];
  }
  if (squares > 0) {
    const scale = 1 / Math.sqrt(squares);
    for (let i = 0; i < values.length; i++) values[i] *= scale;
  }
  return { rows: vector.rows, values };
}
