import type { AgreementQuestion } from '../definition/index.ts';

/**
 * Emotional attachment: how strongly the respondent feels bound to the supplier beyond what it
 * delivers. Agreement statements with `measure: 'attachment'`, all keyed "fulfilled".
 */
export const ATTACHMENT_ITEMS: readonly AgreementQuestion[] = [
  {
    id: 'attachment.a1',
    type: 'agreement',
    measure: 'attachment',
    keying: 'fulfilled',
    text: {
      en: 'I would genuinely miss this supplier if we stopped working together.',
      it: 'Se smettessimo di collaborare, questo fornitore mi mancherebbe davvero.',
    },
  },
  {
    id: 'attachment.a2',
    type: 'agreement',
    measure: 'attachment',
    keying: 'fulfilled',
    text: {
      en: 'I feel a bond with this supplier that goes beyond the contract.',
      it: 'Con questo fornitore sento un legame che va oltre il contratto.',
    },
  },
  {
    id: 'attachment.a3',
    type: 'agreement',
    measure: 'attachment',
    keying: 'fulfilled',
    text: {
      en: 'To me, this supplier is more than just a source of products or services.',
      it: 'Per me questo fornitore è più di una semplice fonte di prodotti o servizi.',
    },
  },
];
