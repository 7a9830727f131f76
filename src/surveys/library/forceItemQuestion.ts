import type { AgreementQuestion } from '../definition/index.ts';
import type { ForceItem } from './forceItems.ts';

/**
 * The agreement question that asks a library Force item. The question id is the item id, so
 * answers stay comparable across every survey that uses the item.
 * @param item the library item
 * @param options `allowNotApplicable` offers "don't know / not applicable" (default true: a finance
 *   person may not know how deliveries go); `required` (default false)
 * @returns the question
 * @example forceItemQuestion(FORCE_ITEMS[0]).id // 'certainty.f1'
 */
export function forceItemQuestion(
  item: ForceItem,
  options: { readonly allowNotApplicable?: boolean; readonly required?: boolean } = {},
): AgreementQuestion {
  return {
    id: item.id,
    type: 'agreement',
    text: { ...item.text },
    force: item.force,
    keying: item.keying,
    allowNotApplicable: options.allowNotApplicable ?? true,
    required: options.required ?? false,
  };
}
