// A plain decimal: optional sign, digits with an optional fraction, optional exponent. Anything else
// (hex, "Infinity", "1 000", "5 stars") is text, which `Number()` would partly accept.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/**
 * The number written in a cell, or `undefined` when the cell holds something else.
 *
 * Accepts plain decimals ("4", "-0.5", "1e3"), trimmed. With `decimalComma` (files delimited by
 * `;`, as written where the comma is the decimal mark) "3,5" also reads as 3.5.
 *
 * @param cell the raw cell text
 * @param decimalComma whether "3,5" means 3.5
 * @returns the number, or undefined
 * @example numberOfCell(' 3,5 ', true) // 3.5
 */
export function numberOfCell(cell: string, decimalComma: boolean): number | undefined {
  const text = cell.trim();
  if (DECIMAL.test(text)) return Number(text);
  if (decimalComma && DECIMAL_COMMA.test(text)) return Number(text.replace(',', '.'));
  return undefined;
}
