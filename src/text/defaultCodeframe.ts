/**
 * A starting codeframe for B2B feedback: the parts of the relationship comments usually name, with
 * English and Italian keywords in one rule each. Organisations replace or extend it with their own.
 */
import type { Codeframe } from './topics.ts';

/** The built-in codeframe. */
export const DEFAULT_CODEFRAME: Codeframe = {
  topics: [
    {
      key: 'billing',
      rule: 'invoice* OR billing OR billed OR bill OR bills OR statement* OR fattur* OR bollett* OR addebit*',
    },
    {
      key: 'pricing',
      rule: 'price* OR pricing OR fee OR fees OR tariff* OR surcharge* OR discount* OR prezz* OR tariff* OR sconto OR sconti OR canone OR commission*',
    },
    {
      key: 'delivery',
      rule: 'deliver* OR shipment* OR shipping OR parcel* OR "lead time*" OR dispatch* OR consegn* OR spedizion* OR pacc* OR corriere',
    },
    {
      key: 'support',
      rule: 'support OR helpdesk OR "help desk" OR ticket* OR "call centre" OR "call center" OR hotline OR assistenza OR supporto OR segnalazion*',
    },
    {
      key: 'onboarding',
      rule: 'onboarding OR setup OR "set up" OR installation OR implementation OR go-live OR avviamento OR attivazione OR installazione OR implementazione',
    },
    {
      key: 'digitalChannels',
      rule: 'portal* OR app OR apps OR website OR dashboard* OR online OR api OR platform OR piattaforma OR sito OR "home banking"',
    },
    {
      key: 'accountManagement',
      rule: '"account manager*" OR "account team" OR "relationship manager" OR "key account" OR referente OR commerciale OR "gestore del"',
    },
    {
      key: 'communication',
      rule: 'communicat* OR update* OR notif* OR informed OR "kept us" OR comunicazion* OR aggiornament* OR avvis* OR informat*',
    },
    {
      key: 'contract',
      rule: 'contract* OR renewal* OR terms OR "service level" OR sla OR contratt* OR rinnov* OR condizioni',
    },
    {
      key: 'fieldService',
      rule: 'engineer* OR technician* OR "site visit*" OR tecnic* OR intervent* OR manutenzion*',
    },
    {
      key: 'productQuality',
      rule: 'defect* OR faulty OR quality OR broken OR bug OR bugs OR difett* OR qualita OR guast* OR rott*',
    },
    {
      key: 'sustainability',
      rule: 'sustainab* OR esg OR climate OR carbon OR emission* OR sostenibil* OR clima OR emission* OR ambiental*',
    },
  ],
};
