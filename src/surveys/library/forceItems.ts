import type { ForceKey, LocalizedText } from '../definition/index.ts';

/**
 * An agreement statement measuring one Force.
 * - `keying`: `fulfilled` items agree with the need being met; `tension` items describe the need
 *   being frustrated and are reverse-scored.
 * - `use`: `relationship` items speak of the relationship as a whole; `touchpoint` items speak of
 *   one recent interaction ("on this occasion") for transactional pulses.
 */
export type ForceItem = {
  readonly id: string;
  readonly force: ForceKey;
  readonly keying: 'fulfilled' | 'tension';
  readonly use: 'relationship' | 'touchpoint';
  readonly text: Readonly<LocalizedText>;
};

/**
 * The Forces item library, English and Italian. Statements are in the respondent's first person and
 * avoid gendered Italian agreement (no "informato/a"), so they read naturally to anyone. Ids are
 * stable: `<force>.f<n>` fulfilled, `<force>.t<n>` tension, `<force>.p<n>` touchpoint pulse.
 */
export const FORCE_ITEMS: readonly ForceItem[] = [
  {
    id: 'certainty.f1',
    force: 'certainty',
    keying: 'fulfilled',
    use: 'relationship',
    text: {
      en: 'I always know where my orders and requests stand.',
      it: 'So sempre a che punto sono i miei ordini e le mie richieste.',
    },
  },
  {
    id: 'certainty.f2',
    force: 'certainty',
    keying: 'fulfilled',
    use: 'relationship',
    text: {
      en: 'Commitments made to me are kept, on time and as agreed.',
      it: 'Gli impegni presi con me vengono mantenuti, nei tempi e nei modi concordati.',
    },
  },
  {
    id: 'certainty.t1',
    force: 'certainty',
    keying: 'tension',
    use: 'relationship',
    text: {
      en: 'Delays, changes or charges often catch me by surprise.',
      it: 'Ritardi, modifiche o costi imprevisti mi colgono spesso alla sprovvista.',
    },
  },
  {
    id: 'certainty.p1',
    force: 'certainty',
    keying: 'fulfilled',
    use: 'touchpoint',
    text: {
      en: 'On this occasion, I knew at every step what was happening and what would come next.',
      it: 'In questa occasione ho saputo in ogni momento cosa stava succedendo e cosa sarebbe successo dopo.',
    },
  },
  {
    id: 'control.f1',
    force: 'control',
    keying: 'fulfilled',
    use: 'relationship',
    text: {
      en: 'I can get what I need done on my own, without having to chase anyone.',
      it: 'Riesco a ottenere ciò che mi serve in autonomia, senza dover sollecitare nessuno.',
    },
  },
  {
    id: 'control.f2',
    force: 'control',
    keying: 'fulfilled',
    use: 'relationship',
    text: {
      en: 'When my needs change, the service can be adjusted to fit them.',
      it: 'Quando le mie esigenze cambiano, il servizio può essere adattato di conseguenza.',
    },
  },
  {
    id: 'control.t1',
    force: 'control',
    keying: 'tension',
    use: 'relationship',
    text: {
      en: 'Even simple things depend on someone else acting for me.',
      it: 'Anche per le cose più semplici devo dipendere da qualcun altro.',
    },
  },
  {
    id: 'control.p1',
    force: 'control',
    keying: 'fulfilled',
    use: 'touchpoint',
    text: {
      en: 'On this occasion, I could handle things in the way that suited me best.',
      it: 'In questa occasione ho potuto gestire le cose nel modo più adatto a me.',
    },
  },
  {
    id: 'fairTreatment.f1',
    force: 'fairTreatment',
    keying: 'fulfilled',
    use: 'relationship',
    text: {
      en: 'The prices and terms I get are fair for the value I receive.',
      it: 'Prezzi e condizioni sono equi rispetto al valore che ricevo.',
    },
  },
  {
    id: 'fairTreatment.f2',
    force: 'fairTreatment',
    keying: 'fulfilled',
    use: 'relationship',
    text: {
      en: 'When something goes wrong, the issue is settled quickly and fairly.',
      it: 'Quando qualcosa va storto, il problema viene risolto in modo rapido ed equo.',
    },
  },
  {
    id: 'fairTreatment.t1',
    force: 'fairTreatment',
    keying: 'tension',
    use: 'relationship',
    text: {
      en: 'At times, extra costs or conditions seem to be slipped in without warning.',
      it: 'A volte ho l’impressione che vengano aggiunti costi o condizioni senza preavviso.',
    },
  },
  {
    id: 'fairTreatment.p1',
    force: 'fairTreatment',
    keying: 'fulfilled',
    use: 'touchpoint',
    text: {
      en: 'On this occasion, I was dealt with fairly and honestly.',
      it: 'In questa occasione la mia richiesta è stata gestita in modo corretto e onesto.',
    },
  },
  {
    id: 'belonging.f1',
    force: 'belonging',
    keying: 'fulfilled',
    use: 'relationship',
    text: {
      en: 'It feels like we work as one team, not as customer and supplier.',
      it: 'Ho la sensazione di lavorare come un’unica squadra, non come cliente e fornitore.',
    },
  },
  {
    id: 'belonging.f2',
    force: 'belonging',
    keying: 'fulfilled',
    use: 'relationship',
    text: {
      en: 'Our two companies share the same values about how business should be done.',
      it: 'Le nostre due aziende condividono gli stessi valori sul modo di fare impresa.',
    },
  },
  {
    id: 'belonging.t1',
    force: 'belonging',
    keying: 'tension',
    use: 'relationship',
    text: {
      en: 'The relationship feels distant: my team is rarely involved or consulted.',
      it: 'Il rapporto è distante: la mia squadra viene coinvolta o consultata di rado.',
    },
  },
  {
    id: 'belonging.p1',
    force: 'belonging',
    keying: 'fulfilled',
    use: 'touchpoint',
    text: {
      en: 'On this occasion, it felt like working with a partner who was on my side.',
      it: 'In questa occasione ho avuto la sensazione di lavorare con un partner dalla mia parte.',
    },
  },
  {
    id: 'status.f1',
    force: 'status',
    keying: 'fulfilled',
    use: 'relationship',
    text: {
      en: 'It is clear that our business is truly valued.',
      it: 'È evidente che la nostra collaborazione è davvero apprezzata.',
    },
  },
  {
    id: 'status.f2',
    force: 'status',
    keying: 'fulfilled',
    use: 'relationship',
    text: {
      en: 'The support I get helps me look good within my own company.',
      it: 'Il supporto che ricevo mi aiuta a fare bella figura all’interno della mia azienda.',
    },
  },
  {
    id: 'status.t1',
    force: 'status',
    keying: 'tension',
    use: 'relationship',
    text: {
      en: 'I feel like just another account number.',
      it: 'Ho l’impressione di essere soltanto un numero tra tanti clienti.',
    },
  },
  {
    id: 'status.p1',
    force: 'status',
    keying: 'fulfilled',
    use: 'touchpoint',
    text: {
      en: 'On this occasion, my needs were given the attention they deserved.',
      it: 'In questa occasione alle mie esigenze è stata data l’attenzione che meritavano.',
    },
  },
  {
    id: 'enjoyment.f1',
    force: 'enjoyment',
    keying: 'fulfilled',
    use: 'relationship',
    text: {
      en: 'Working together day to day is easy and pleasant.',
      it: 'Lavorare insieme ogni giorno è semplice e piacevole.',
    },
  },
  {
    id: 'enjoyment.f2',
    force: 'enjoyment',
    keying: 'fulfilled',
    use: 'relationship',
    text: {
      en: 'I look forward to our meetings and calls.',
      it: 'Aspetto con piacere i nostri incontri e le nostre telefonate.',
    },
  },
  {
    id: 'enjoyment.t1',
    force: 'enjoyment',
    keying: 'tension',
    use: 'relationship',
    text: {
      en: 'Getting things done together is more frustrating than it should be.',
      it: 'Portare a termine le cose insieme è più frustrante del dovuto.',
    },
  },
  {
    id: 'enjoyment.p1',
    force: 'enjoyment',
    keying: 'fulfilled',
    use: 'touchpoint',
    text: {
      en: 'On this occasion, the whole experience was easy and pleasant.',
      it: 'In questa occasione l’intera esperienza è stata semplice e piacevole.',
    },
  },
];
