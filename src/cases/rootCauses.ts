/**
 * The root-cause codeframe of a case: the six Forces (the emotional need the experience failed)
 * beside operational causes. Codes are stable strings; names are for display.
 */
import { FORCE_KEYS } from '../domain/forces/framework.ts';

const OPERATIONAL = [
  'process',
  'product',
  'people',
  'policy',
  'price',
  'communication',
  'third_party',
] as const;

export const ROOT_CAUSE_CODES = [
  ...FORCE_KEYS.map((force) => `force:${force}` as const),
  ...OPERATIONAL.map((cause) => `operational:${cause}` as const),
  'other',
] as const;
export type RootCauseCode = (typeof ROOT_CAUSE_CODES)[number];

export function isRootCause(code: string): code is RootCauseCode {
  return (ROOT_CAUSE_CODES as readonly string[]).includes(code);
}

/** The Force a root cause names, if it is one. */
export function forceOfRootCause(code: RootCauseCode): string | null {
  return code.startsWith('force:') ? code.slice('force:'.length) : null;
}
